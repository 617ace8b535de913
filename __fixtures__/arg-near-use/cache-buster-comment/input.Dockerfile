FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# not used anywhere, it invalidates the docker build cache on purpose
ARG INVALIDATE_CACHE_TIMESTAMP="0000-00-00"
RUN git clone --depth 1 https://github.com/example/docs.git /src/docs
RUN git clone --depth 1 https://github.com/example/theme.git /src/theme

COPY site.conf /etc/site.conf
CMD ["cat", "/etc/site.conf"]
