# syntax=docker/dockerfile:1
FROM debian:bookworm

# Download the packages up front, in their own layer: a slow or flaky mirror
# then only ever affects this step.
RUN apt-get update && apt-get install -y --no-install-recommends --download-only jq curl

WORKDIR /srv/uptime
COPY . .

RUN apt-get install -y --no-install-recommends --no-download jq curl \
    && rm -rf /var/lib/apt/lists/* \
    && chmod +x bin/check.sh

ENTRYPOINT ["/srv/uptime/bin/check.sh"]
