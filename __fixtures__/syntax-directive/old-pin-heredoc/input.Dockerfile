# syntax = docker/dockerfile:1.3
FROM alpine
RUN <<EOF
apk add curl
EOF
