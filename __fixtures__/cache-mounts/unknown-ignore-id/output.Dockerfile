FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# dockerfix ignore=cache-mount
RUN --mount=type=cache,target=/root/.npm npm ci
