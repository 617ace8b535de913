FROM debian:trixie-slim
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates; \
	rm -rf /var/lib/apt/lists/*
RUN set -eux; \
	apt-get update; \
	apt install -y --no-install-recommends gnupg; \
	rm -rf /var/lib/apt/lists/*
