FROM debian:bookworm-slim
COPY . /var/www/html
RUN apt-get update && apt-get install -y php php-mysql
CMD ["apachectl", "-D", "FOREGROUND"]
