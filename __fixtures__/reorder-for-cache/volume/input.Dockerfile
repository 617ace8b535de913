FROM postgres:16-bookworm
COPY initdb/ /docker-entrypoint-initdb.d/
VOLUME /var/lib/postgresql/data
RUN mkdir -p /var/lib/postgresql/data/conf.d
