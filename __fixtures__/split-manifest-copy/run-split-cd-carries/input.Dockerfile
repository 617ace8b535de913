FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN cd web && npm ci && npm run build
CMD ["node", "web/dist/server.js"]
