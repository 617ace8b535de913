FROM node:20-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
