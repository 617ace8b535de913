ARG NGINX_VERSION=1.27
FROM nginx:${NGINX_VERSION}-bookworm
ARG NGINX_VERSION
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY conf.d/ /etc/nginx/conf.d/
LABEL nginx.version=$NGINX_VERSION
