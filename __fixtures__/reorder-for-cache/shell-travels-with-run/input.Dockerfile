FROM node:22-bookworm
WORKDIR /usr/src/app
COPY . .
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://github.com/krallin/tini/releases/download/v0.19.0/tini | tee /usr/local/bin/tini > /dev/null && chmod +x /usr/local/bin/tini
RUN npm ci && npm run build
CMD ["node", "dist/server.js"]
