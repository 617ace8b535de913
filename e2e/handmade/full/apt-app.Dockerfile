# syntax=docker/dockerfile:1
FROM debian:bookworm

WORKDIR /srv/report

RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends jq

COPY . .

ENTRYPOINT ["/srv/report/bin/report.sh"]
