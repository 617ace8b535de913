FROM node:20-slim

WORKDIR /app

COPY --chown=node:node . .

ENV NODE_ENV production

RUN npm ci --omit=dev

USER node
CMD ["node", "app.js"]
