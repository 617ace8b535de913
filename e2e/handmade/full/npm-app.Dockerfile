# syntax=docker/dockerfile:1
FROM node:20

WORKDIR /usr/src/app

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .

EXPOSE 3000
CMD ["node", "src/server.js"]
