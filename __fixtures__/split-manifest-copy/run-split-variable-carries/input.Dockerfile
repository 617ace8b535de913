FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN npm ci && echo "$_" > .last && npm run build
CMD ["node", "dist/server.js"]
