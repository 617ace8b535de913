FROM node:20-alpine AS deps
WORKDIR /app
COPY . .
RUN npm ci

FROM node:20-alpine
WORKDIR /app
COPY --from=deps /app ./
CMD ["node", "server.js"]
