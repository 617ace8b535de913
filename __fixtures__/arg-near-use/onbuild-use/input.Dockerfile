FROM node:20-alpine
ARG NPM_REGISTRY
RUN apk add --no-cache git
ONBUILD RUN npm config set registry $NPM_REGISTRY
