# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src
COPY . app/
RUN <<EOF
cd app
npm ci --omit=dev
EOF
CMD ["node", "app/server.js"]
