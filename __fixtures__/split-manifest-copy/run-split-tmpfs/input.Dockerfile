# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN --mount=type=tmpfs,target=/tmp npm ci && npm run build
CMD ["node", "dist/server.js"]
