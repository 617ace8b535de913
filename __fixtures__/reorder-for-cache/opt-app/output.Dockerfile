FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
COPY . /opt/app
WORKDIR /opt/app
CMD ["./run.sh"]
