FROM node:20-bookworm-slim
WORKDIR /home/node/app
COPY --chown=node:node . .
USER root
RUN apt-get update && apt-get install -y --no-install-recommends dumb-init && rm -rf /var/lib/apt/lists/*
USER node
CMD ["dumb-init", "node", "server.js"]
