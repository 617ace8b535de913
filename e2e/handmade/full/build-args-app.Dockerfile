# syntax=docker/dockerfile:1
FROM node:20

ARG DEBIAN_FRONTEND=noninteractive
ARG NODE_ENV=production

RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends tini

WORKDIR /srv/status
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .

ARG VERSION=1.0.0
ARG BUILD_DATE=unknown
LABEL org.opencontainers.image.version=$VERSION \
      org.opencontainers.image.created=$BUILD_DATE
ENV APP_VERSION=$VERSION

EXPOSE 8000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
