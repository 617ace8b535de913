FROM debian:bookworm
RUN apt-get update && apt-get install -y --download-only jq
COPY . /opt/tool
RUN apt-get install -y --no-download jq && rm -rf /var/lib/apt/lists/*
CMD ["/opt/tool/run.sh"]
