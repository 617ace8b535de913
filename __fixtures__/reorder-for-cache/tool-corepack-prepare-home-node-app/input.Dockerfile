FROM node:22-bookworm-slim
WORKDIR /home/node/app
COPY . .
RUN corepack enable pnpm && corepack prepare pnpm@9.1.0 --activate
RUN pnpm install --frozen-lockfile
CMD ["pnpm", "start"]
