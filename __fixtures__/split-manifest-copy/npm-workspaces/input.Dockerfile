FROM node:20-slim AS build
WORKDIR /repo
COPY . .
RUN npm ci
RUN npm run build --workspaces

FROM node:20-slim
WORKDIR /repo
COPY --from=build /repo/packages/api/dist ./dist
CMD ["node", "dist/index.js"]
