FROM nginx:1.27-alpine
COPY dist/ /usr/share/nginx/html/
COPY --from=hairyhenderson/gomplate:v4.1.0 /gomplate /usr/local/bin/gomplate