# syntax=docker/dockerfile:1.2
FROM debian:bookworm-slim
RUN apt-get update \
 # the motd
 && cat <<EOF > /etc/motd
hello
EOF
