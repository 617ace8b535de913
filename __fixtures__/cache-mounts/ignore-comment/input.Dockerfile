FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# dockerfix ignore=cache-mounts
RUN npm ci
