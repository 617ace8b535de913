FROM php:8.3-fpm-alpine3.20
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked \
	set -eux; \
	apk add --update-cache --cache-dir /var/cache/apk --virtual .build-deps $PHPIZE_DEPS libpng-dev; \
	docker-php-ext-install gd; \
	runDeps="$(scanelf --needed --nobanner --format '%n#p' --recursive /usr/local/lib/php/extensions | tr ',' '\n' | sort -u)"; \
	apk add --no-network --virtual .php-rundeps $runDeps; \
	apk del --no-network .build-deps
