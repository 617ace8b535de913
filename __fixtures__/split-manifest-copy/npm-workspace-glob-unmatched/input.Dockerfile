FROM node:20-slim AS build
WORKDIR /repo
COPY . .
RUN npm ci
RUN npm run build --workspaces
