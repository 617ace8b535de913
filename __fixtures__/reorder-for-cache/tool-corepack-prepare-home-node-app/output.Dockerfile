FROM node:22-bookworm-slim
WORKDIR /home/node/app
RUN corepack enable pnpm && corepack prepare pnpm@9.1.0 --activate
COPY . .
RUN pnpm install --frozen-lockfile
CMD ["pnpm", "start"]
