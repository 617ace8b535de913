FROM node:20-slim

WORKDIR /app

ENV NODE_ENV production

COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .

USER node
CMD ["node", "app.js"]
