FROM debian:bookworm-slim
COPY public/ /var/www/html/
RUN apt-get update && apt-get install -y --no-install-recommends apache2
CMD ["apachectl", "-D", "FOREGROUND"]
