# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY --chown=node:node . .
# install, then make the CLI executable
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev \
    && chmod +x bin/cli \
    && npm run build
CMD ["bin/cli"]
