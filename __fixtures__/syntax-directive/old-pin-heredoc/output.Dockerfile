# syntax = docker/dockerfile:1
FROM alpine
RUN <<EOF
apk add curl
EOF
