FROM node:22
WORKDIR /app
COPY . .
RUN corepack enable && corepack install
RUN pnpm install --frozen-lockfile
