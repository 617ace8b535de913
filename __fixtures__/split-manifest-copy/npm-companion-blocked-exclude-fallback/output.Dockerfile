# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY --exclude=node_modules . .
CMD ["node", "index.js"]
