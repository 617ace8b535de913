FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# tally ignore=tally/prefer-package-cache-mounts;reason=the CI builder has no cache
RUN npm ci
