# syntax=docker/dockerfile:1.4
FROM node:20-slim AS build
WORKDIR /repo
COPY --chown=node:node . .
RUN npm ci
RUN npm run build --workspaces
