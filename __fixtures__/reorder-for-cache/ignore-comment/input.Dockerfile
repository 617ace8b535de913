FROM php:8.3-fpm-alpine
WORKDIR /var/www/app
COPY . .
# composer must come after the app here: our entrypoint checks its mtime
# dockerfix ignore=reorder-for-cache
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
