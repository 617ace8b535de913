FROM debian:bookworm
WORKDIR /srv/report
RUN apt-get update && apt-get install -y --no-install-recommends jq
COPY report.sh ./
ARG RELEASE=dev
RUN echo "$RELEASE" > /srv/report/release
ENTRYPOINT ["/srv/report/report.sh"]
