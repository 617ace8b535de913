# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
WORKDIR /app
COPY . .
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends $(cat packages.txt)
EOF
CMD ["./run.sh"]
