# syntax=docker/dockerfile:1
FROM node:20

WORKDIR /usr/src/app

COPY package.json package-lock.json ./
COPY packages/api/package.json packages/api/
COPY packages/shared/package.json packages/shared/
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY . .

EXPOSE 3000
CMD ["node", "packages/api/src/server.js"]
