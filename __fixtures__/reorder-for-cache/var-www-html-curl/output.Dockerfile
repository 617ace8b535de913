FROM php:8.3-apache
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip
COPY . /var/www/html/
