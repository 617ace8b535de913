# tally global ignore=prefer-package-cache-mounts
FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
