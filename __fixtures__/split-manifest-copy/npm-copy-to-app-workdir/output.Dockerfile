FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json /app/
RUN npm ci
# Bundle app source
COPY . /app
CMD ["node", "server.js"]
