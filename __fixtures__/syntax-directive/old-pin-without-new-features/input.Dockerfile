# syntax=docker/dockerfile:1.0
FROM alpine
RUN apk add curl
