FROM node:20-slim AS build
WORKDIR /app
COPY . .
RUN yarn install --immutable
RUN yarn workspaces foreach -A run build
