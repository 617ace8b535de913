FROM php:8.3-apache
WORKDIR /var/www/html
COPY --from=mlocati/php-extension-installer:2.5 /usr/bin/install-php-extensions /usr/local/bin/
COPY --chown=www-data:www-data . .
RUN install-php-extensions pdo_mysql intl
