# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN <<EOF
set -e
npm ci --omit=dev
EOF
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
