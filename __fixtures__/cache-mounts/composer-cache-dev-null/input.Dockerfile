FROM php:8.3-apache
COPY --from=composer:latest /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY composer.json composer.lock ./
RUN COMPOSER_CACHE_DIR=/dev/null composer install --no-dev --no-scripts
