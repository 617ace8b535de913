FROM node:20-alpine
WORKDIR /app
RUN corepack enable
COPY . .
RUN yarn install --immutable && yarn build
CMD ["yarn", "start"]
