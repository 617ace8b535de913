FROM node:20-slim
WORKDIR /usr/src/app
RUN --mount=type=cache,target=/root/.npm npm install -g pnpm@9
COPY pnpm-lock.yaml ./
RUN pnpm fetch --prod
COPY . .
RUN pnpm install -r --offline --prod
CMD ["node", "server.js"]
