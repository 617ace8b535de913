FROM node:20-bookworm-slim
WORKDIR /usr/src/app
ENV NODE_ENV=production
COPY . .
RUN npm ci --omit=dev
EXPOSE 3000
CMD ["node", "server.js"]
