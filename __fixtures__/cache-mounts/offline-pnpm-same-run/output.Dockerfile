FROM node:20-slim
WORKDIR /usr/src/app
COPY pnpm-lock.yaml package.json ./
RUN --mount=type=cache,target=/root/.npm --mount=type=cache,target=/root/.local/share/pnpm/store,id=pnpm npm install -g pnpm@9 && pnpm fetch --prod && pnpm install -r --offline --prod
COPY . .
CMD ["node", "server.js"]
