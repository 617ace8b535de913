FROM oven/bun:1
ENV BUN_INSTALL_CACHE_DIR=$HOME/.bun-cache
COPY package.json bun.lockb ./
RUN bun install --frozen-lockfile
