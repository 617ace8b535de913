FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
LABEL org.opencontainers.image.source="https://github.com/example/site"
EXPOSE 80
HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1
