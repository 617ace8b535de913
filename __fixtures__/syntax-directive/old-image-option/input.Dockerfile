FROM alpine
RUN <<EOF
apk add curl
EOF
