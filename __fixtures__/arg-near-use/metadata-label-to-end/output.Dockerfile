FROM node:20-slim
# system packages
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
ARG GIT_SHA
LABEL org.opencontainers.image.revision=$GIT_SHA
