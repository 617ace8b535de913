FROM node:22
WORKDIR /app
COPY vendor/node_modules /usr/local/lib/node_modules
RUN npm install -g pnpm@9
