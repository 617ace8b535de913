FROM node:8-alpine3.6
RUN apk add --no-cache git python make g++
