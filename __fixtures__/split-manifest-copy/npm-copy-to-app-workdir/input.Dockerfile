FROM node:20-alpine
WORKDIR /app
# Bundle app source
COPY . /app
RUN npm ci
CMD ["node", "server.js"]
