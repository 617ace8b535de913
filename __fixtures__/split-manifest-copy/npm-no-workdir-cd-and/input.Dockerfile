FROM node:20-alpine
COPY . /app
RUN cd /app && npm ci
CMD ["node", "/app/server.js"]
