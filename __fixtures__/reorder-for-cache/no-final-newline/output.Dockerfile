FROM nginx:1.27-alpine
COPY --from=hairyhenderson/gomplate:v4.1.0 /gomplate /usr/local/bin/gomplate
COPY dist/ /usr/share/nginx/html/