FROM node:20-slim AS build
WORKDIR /repo
COPY package.json package-lock.json ./
COPY packages/api/package.json ./packages/api/
COPY packages/shared/package.json ./packages/shared/
RUN npm ci
COPY . .
RUN npm run build --workspaces

FROM node:20-slim
WORKDIR /repo
COPY --from=build /repo/packages/api/dist ./dist
CMD ["node", "dist/index.js"]
