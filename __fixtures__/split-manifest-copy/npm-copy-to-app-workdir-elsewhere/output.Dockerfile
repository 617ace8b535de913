FROM node:20-alpine
WORKDIR /usr/src
WORKDIR /app
COPY package.json package-lock.json /app/
RUN npm ci
COPY . /app
CMD ["node", "server.js"]
