# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN <<EOF
set -e
npm ci --omit=dev
EOF
EXPOSE 3000
CMD ["node", "server.js"]
