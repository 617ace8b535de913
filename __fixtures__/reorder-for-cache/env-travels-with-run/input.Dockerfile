FROM ubuntu:24.04
WORKDIR /app
COPY . .
ENV APP_PORT=8080
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt
EXPOSE 8080
CMD ["/opt/venv/bin/python", "-m", "app"]
