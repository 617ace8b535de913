FROM node:22-alpine
WORKDIR /srv
COPY --link package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev
ADD --link . .
CMD ["node", "index.js"]
