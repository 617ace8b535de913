FROM node:20-alpine
WORKDIR /app
RUN corepack enable
COPY . .
RUN yarn install --immutable
RUN yarn build
CMD ["node", "dist/index.js"]
