FROM php:8.3-cli
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
ENV COMPOSER_HOME=.composer
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev
