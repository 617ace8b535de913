FROM debian:bookworm-slim
COPY . /opt/app
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
WORKDIR /opt/app
CMD ["./run.sh"]
