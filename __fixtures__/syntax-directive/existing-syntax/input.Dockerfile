# syntax=docker/dockerfile:1.7
FROM alpine
RUN --mount=type=cache,target=/var/cache/apk apk add curl
