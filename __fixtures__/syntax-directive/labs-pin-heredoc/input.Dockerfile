# syntax=docker/dockerfile:1.3-labs
FROM alpine
RUN <<EOF
apk add curl
EOF
