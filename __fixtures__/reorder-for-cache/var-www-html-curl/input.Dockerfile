FROM php:8.3-apache
COPY . /var/www/html/
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip
