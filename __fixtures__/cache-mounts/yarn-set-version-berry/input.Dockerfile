FROM node:22-bookworm-slim
RUN corepack enable
RUN yarn set version 4.3.1
RUN npm --version \
  && yarn --version
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn install
