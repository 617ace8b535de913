FROM debian:bookworm-slim

ARG BUILD_DATE
ARG VCS_REF

RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --shell /bin/bash app

COPY --chown=app:app bin/ /usr/local/bin/

LABEL org.opencontainers.image.created=$BUILD_DATE \
      org.opencontainers.image.revision=$VCS_REF

USER app
CMD ["server"]
