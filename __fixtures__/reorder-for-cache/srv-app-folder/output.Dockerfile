FROM python:3.12-slim

WORKDIR /srv/worker
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpq5 \
    && rm -rf /var/lib/apt/lists/*

COPY . .

CMD ["python", "worker.py"]
