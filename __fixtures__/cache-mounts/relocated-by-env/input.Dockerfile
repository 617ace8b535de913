FROM node:20
ENV npm_config_cache=/tmp/.npm \
    PIP_CACHE_DIR=/var/cache/pip
RUN apt-get update && apt-get install -y python3-pip && rm -rf /var/lib/apt/lists/*
RUN pip3 install --break-system-packages awscli
RUN npm install -g @angular/cli
