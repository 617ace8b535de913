FROM node:20-alpine AS web
WORKDIR /app
COPY . .
RUN cd frontend \
    && npm ci
RUN cd frontend && npm run build
