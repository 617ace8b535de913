FROM node:20-alpine
WORKDIR /usr/src/app
COPY . /opt/assets
RUN npm ci
CMD ["node", "server.js"]
