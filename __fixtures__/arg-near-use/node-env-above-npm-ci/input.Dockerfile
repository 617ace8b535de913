FROM node:20-alpine
WORKDIR /app
ARG NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "server.js"]
