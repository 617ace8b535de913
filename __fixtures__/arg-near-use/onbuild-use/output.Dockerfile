FROM node:20-alpine
RUN apk add --no-cache git
ARG NPM_REGISTRY
ONBUILD RUN npm config set registry $NPM_REGISTRY
