# syntax=docker/dockerfile:1
FROM node:20

WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY . .

# not used anywhere: changing it invalidates the build cache on purpose, so the
# next build picks up the day's Debian security updates
ARG SECURITY_UPDATES_DATE=2026-12-01
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get upgrade -y

RUN mkdir -p /usr/src/app/uploads && chown node:node /usr/src/app/uploads

USER node
EXPOSE 8080
CMD ["node", "src/index.js"]
