FROM postgres:16-bookworm
COPY initdb/ /docker-entrypoint-initdb.d/
VOLUME /var/lib/postgresql/data
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-16-pgvector \
    && rm -rf /var/lib/apt/lists/*
