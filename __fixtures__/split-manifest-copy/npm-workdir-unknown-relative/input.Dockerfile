FROM node:20
COPY . .
WORKDIR /app
RUN npm ci
