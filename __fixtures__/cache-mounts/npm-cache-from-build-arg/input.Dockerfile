FROM node:20
ARG NPM_CONFIG_CACHE
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
