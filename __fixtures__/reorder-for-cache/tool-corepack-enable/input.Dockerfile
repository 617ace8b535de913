FROM node:20-alpine
WORKDIR /app
COPY . .
RUN corepack enable
RUN yarn install --immutable && yarn build
CMD ["yarn", "start"]
