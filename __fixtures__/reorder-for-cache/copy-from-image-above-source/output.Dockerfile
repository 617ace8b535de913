FROM php:8.3-fpm-alpine

WORKDIR /var/www/app

COPY --from=composer:2 /usr/bin/composer /usr/bin/composer

COPY . .

RUN composer install --no-dev --optimize-autoloader --no-interaction

CMD ["php-fpm"]
