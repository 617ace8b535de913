FROM node:20-bookworm-slim

WORKDIR /usr/src/app

COPY package.json package-lock.json ./
COPY . .

# tini as PID 1
ADD --chmod=755 https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini

COPY --from=oven/bun:1.1 /usr/local/bin/bun /usr/local/bin/bun

ENTRYPOINT ["/tini", "--"]
CMD ["node", "server.js"]
