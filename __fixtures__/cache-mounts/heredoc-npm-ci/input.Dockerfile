# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN <<EOF
set -e
npm ci --omit=dev
npm cache clean --force
EOF
COPY . .
CMD ["node", "server.js"]
