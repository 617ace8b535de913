FROM node:18-alpine
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile --production
CMD ["node", "src/index.js"]
