FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
