# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
WORKDIR /srv
RUN bash -e <<'EOF'
apt-get update
apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
COPY . .
CMD ["/srv/start.sh"]
