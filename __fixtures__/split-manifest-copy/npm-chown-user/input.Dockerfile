FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /home/node/app
USER node
COPY --chown=node:node . .
RUN npm ci --omit=dev
EXPOSE 3000
CMD ["node", "server.js"]
