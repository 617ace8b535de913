FROM node:20-alpine
WORKDIR /app
COPY . .
RUN yarn install --immutable
CMD ["yarn", "node", "src/index.js"]
