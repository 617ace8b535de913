FROM node:20
ENV npm_config_cache=/tmp/.npm \
    PIP_CACHE_DIR=/var/cache/pip
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y python3-pip
RUN --mount=type=cache,target=/var/cache/pip pip3 install --break-system-packages awscli
RUN --mount=type=cache,target=/tmp/.npm npm install -g @angular/cli
