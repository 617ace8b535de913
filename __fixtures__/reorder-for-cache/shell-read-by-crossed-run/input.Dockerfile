FROM node:22
WORKDIR /app
COPY . .
RUN chmod +x /app/bin/start.sh
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN npm install -g pnpm@9
