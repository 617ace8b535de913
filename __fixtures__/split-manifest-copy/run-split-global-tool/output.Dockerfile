FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY package.json ./
RUN npm install && npm i -g typescript
COPY . .
RUN tsc
CMD ["node", "dist/server.js"]
