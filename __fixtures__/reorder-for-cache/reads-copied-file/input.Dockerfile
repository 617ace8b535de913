FROM debian:bookworm-slim
WORKDIR /app
COPY docker/apt/sources.list /etc/apt/sources.list
COPY . .
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
