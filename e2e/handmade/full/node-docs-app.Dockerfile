# syntax=docker/dockerfile:1
FROM node:20

# Create app directory
WORKDIR /usr/src/app

# Tools the app shells out to (the package lists stay in the image, as in the original)
RUN apt-get update && apt-get install -y --no-install-recommends jq

# Install app dependencies
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# Bundle app source
COPY . .

EXPOSE 8080
CMD [ "node", "server.js" ]
