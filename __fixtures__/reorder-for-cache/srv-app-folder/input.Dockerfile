FROM python:3.12-slim

WORKDIR /srv/worker
COPY . .

RUN apt-get update && apt-get install -y --no-install-recommends \
        libpq5 \
    && rm -rf /var/lib/apt/lists/*

CMD ["python", "worker.py"]
