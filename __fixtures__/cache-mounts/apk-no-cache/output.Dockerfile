FROM node:20-alpine
WORKDIR /app
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add --update-cache --cache-dir /var/cache/apk --virtual .build-deps python3 make g++
COPY package*.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
