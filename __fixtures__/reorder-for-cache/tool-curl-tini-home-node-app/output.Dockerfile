FROM node:22-bookworm
WORKDIR /home/node/app
RUN curl -fsSL https://github.com/krallin/tini/releases/download/v0.19.0/tini -o /usr/local/bin/tini && chmod +x /usr/local/bin/tini
COPY . .
RUN npm ci
ENTRYPOINT ["/usr/local/bin/tini", "--"]
CMD ["node", "server.js"]
