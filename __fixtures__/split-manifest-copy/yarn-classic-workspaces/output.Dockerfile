FROM node:20-slim AS build
WORKDIR /app
COPY package.json yarn.lock ./
COPY apps/web/package.json ./apps/web/
COPY packages/ui/package.json ./packages/ui/
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn workspace @acme/web build
