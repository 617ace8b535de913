FROM node:20-alpine
WORKDIR /app
RUN corepack enable
COPY package.json yarn.lock .yarnrc.yml ./
COPY .yarn/releases ./.yarn/releases/
RUN yarn install --immutable
COPY . .
RUN yarn build
CMD ["node", "dist/index.js"]
