# syntax=docker/dockerfile:1
FROM debian:bookworm

WORKDIR /opt/report

RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends jq

COPY . .

ENTRYPOINT ["/opt/report/bin/report.sh"]
