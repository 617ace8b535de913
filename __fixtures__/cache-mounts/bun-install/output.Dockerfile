FROM oven/bun:1 AS install
WORKDIR /temp/dev
COPY package.json bun.lockb ./
RUN --mount=type=cache,target=/root/.bun/install/cache bun install --frozen-lockfile
