# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
WORKDIR /srv
COPY . .
RUN bash <<EOF
apt-get update
apt-get install -y --no-install-recommends curl $EXTRA
EOF
CMD ["/srv/start.sh"]
