FROM node:20-bookworm-slim
WORKDIR /usr/src/app
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --omit=dev
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
