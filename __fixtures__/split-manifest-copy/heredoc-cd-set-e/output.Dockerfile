# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN <<EOF
set -eu
cd /usr/src/app
npm ci --omit=dev
EOF
COPY . .
CMD ["node", "server.js"]
