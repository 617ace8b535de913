# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /usr/src/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
# the whole app
COPY --exclude=node_modules --chown=node:node . .
USER node
CMD ["node", "index.js"]
