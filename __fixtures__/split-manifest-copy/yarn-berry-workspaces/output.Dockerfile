FROM node:20-slim AS build
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
COPY .yarn/releases ./.yarn/releases/
COPY packages/api/package.json ./packages/api/
COPY packages/core/package.json ./packages/core/
RUN yarn install --immutable
COPY . .
RUN yarn workspaces foreach -A run build
