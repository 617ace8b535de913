# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN <<EOF
npm ci
npm run build
EOF
CMD ["node", "dist/server.js"]
