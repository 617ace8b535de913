# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
WORKDIR /srv
COPY . .
RUN bash -e <<'EOF'
apt-get update
apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
CMD ["/srv/start.sh"]
