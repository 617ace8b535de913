FROM debian:bookworm-slim
COPY dist/ /usr/share/nginx/html/
RUN apt-get update && apt-get install -y --no-install-recommends nginx
CMD ["nginx", "-g", "daemon off;"]
