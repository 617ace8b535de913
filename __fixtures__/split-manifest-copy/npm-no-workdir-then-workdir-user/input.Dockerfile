FROM node:20-alpine
USER node
COPY --chown=node:node . /home/node/app
WORKDIR /home/node/app
RUN npm ci
CMD ["node", "server.js"]
