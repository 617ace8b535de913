FROM node:20-alpine
COPY package.json package-lock.json /app/
RUN cd /app && npm ci
COPY . /app
CMD ["node", "/app/server.js"]
