FROM oven/bun:1
WORKDIR /usr/src/app
COPY . .
RUN bun install --frozen-lockfile --production
USER bun
CMD ["bun", "run", "index.ts"]
