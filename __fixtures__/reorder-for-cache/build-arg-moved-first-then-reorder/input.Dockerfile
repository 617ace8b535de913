FROM debian:bookworm
WORKDIR /srv/report
ARG RELEASE=dev
COPY report.sh ./
RUN apt-get update && apt-get install -y --no-install-recommends jq
RUN echo "$RELEASE" > /srv/report/release
ENTRYPOINT ["/srv/report/report.sh"]
