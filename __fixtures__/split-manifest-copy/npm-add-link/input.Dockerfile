FROM node:22-alpine
WORKDIR /srv
ADD --link . .
RUN npm ci --omit=dev
CMD ["node", "index.js"]
