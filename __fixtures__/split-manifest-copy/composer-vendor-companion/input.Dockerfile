FROM composer:2 AS vendor
WORKDIR /app
COPY . .
RUN composer install --no-dev --no-scripts --no-autoloader --prefer-dist --no-interaction
RUN composer dump-autoload --optimize --no-dev
