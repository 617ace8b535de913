FROM node:20-alpine
WORKDIR /usr/src
COPY . /app
WORKDIR /app
RUN npm ci
CMD ["node", "server.js"]
