FROM node:20-slim
WORKDIR /usr/src/app
COPY pnpm-lock.yaml package.json ./
RUN npm install -g pnpm@9 && pnpm fetch --prod && pnpm install -r --offline --prod
COPY . .
CMD ["node", "server.js"]
