FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN npm install && npm i -g typescript && tsc
CMD ["node", "dist/server.js"]
