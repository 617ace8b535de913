FROM oven/bun:1
WORKDIR /usr/src/app
COPY . .
RUN bun install --frozen-lockfile
CMD ["bun", "run", "index.ts"]
