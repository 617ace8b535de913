# syntax=docker/dockerfile:1.4
FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "index.js"]
