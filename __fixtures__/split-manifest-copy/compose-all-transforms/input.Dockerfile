FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm cache clean --force
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json /app/package-lock.json ./
RUN npm ci --omit=dev
USER node
CMD ["node", "dist/server.js"]
