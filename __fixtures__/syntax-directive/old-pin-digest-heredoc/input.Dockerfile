# syntax=docker/dockerfile:1.3@sha256:abababababababababababababababababababababababababababababababab
FROM alpine
RUN <<EOF
apk add curl
EOF
