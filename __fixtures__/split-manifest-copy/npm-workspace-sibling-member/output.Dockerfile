FROM node:20-slim
WORKDIR /repo
COPY web/package.json web/package-lock.json ./web/
COPY libs/ui/package.json ./libs/ui/
RUN cd web && npm ci
COPY . .
RUN cd web && npm run build
