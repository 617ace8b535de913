# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN <<EOF
set -eu
cd /usr/src/app
npm ci --omit=dev
EOF
CMD ["node", "server.js"]
