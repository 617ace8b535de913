FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /home/node/app
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .
EXPOSE 3000
CMD ["node", "server.js"]
