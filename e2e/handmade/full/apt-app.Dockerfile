# syntax=docker/dockerfile:1
FROM debian:bookworm

WORKDIR /srv/report

RUN rm -f /etc/apt/apt.conf.d/docker-clean
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends jq

COPY . .

ENTRYPOINT ["/srv/report/bin/report.sh"]
