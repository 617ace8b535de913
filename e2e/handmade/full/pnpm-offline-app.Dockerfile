# syntax=docker/dockerfile:1
FROM node:20

RUN npm install -g pnpm@9

WORKDIR /app

# Fetch packages into the store from the lock file alone, so this layer only
# changes when the lock file does; the install below then needs no network.
COPY pnpm-lock.yaml ./
RUN pnpm fetch --prod

COPY . .
RUN pnpm install -r --offline --prod

ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "src/server.js"]
