FROM node:20-alpine AS web
WORKDIR /app
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN cd frontend \
    && npm ci
COPY . .
RUN cd frontend && npm run build
