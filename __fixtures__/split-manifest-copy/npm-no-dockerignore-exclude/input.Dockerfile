FROM node:20
WORKDIR /usr/src/app
# the whole app
COPY --chown=node:node . .
RUN npm ci --omit=dev
USER node
CMD ["node", "index.js"]
