FROM node:20-slim
WORKDIR /repo
COPY . .
RUN cd web && npm ci
RUN cd web && npm run build
