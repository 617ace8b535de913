# syntax=docker/dockerfile:1
# Runner image for our CI jobs: a job installs the extra tools it needs with
# apt-get when it starts, so the package lists stay in the image.
FROM debian:bookworm

WORKDIR /srv/ci
# Only the download cache is mounted: the lists must reach the image.
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends jq

COPY . .

ENTRYPOINT ["/bin/bash", "/srv/ci/run-job.sh"]
CMD ["/srv/ci/jobs/lint-shell.json"]
