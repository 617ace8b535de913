FROM alpine
RUN <<EOF
set -e
apk add curl
EOF
COPY <<EOT /etc/motd
hello
EOT
