FROM node:20-slim
RUN npm install -g pnpm@9
WORKDIR /app
COPY . .
RUN pnpm install
CMD ["node", "index.js"]
