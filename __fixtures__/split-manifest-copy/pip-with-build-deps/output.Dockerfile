FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt ./
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev \
    && pip install --no-cache-dir -r requirements.txt \
    && apt-get purge -y gcc \
    && rm -rf /var/lib/apt/lists/*
COPY . .
CMD ["gunicorn", "wsgi:app"]
