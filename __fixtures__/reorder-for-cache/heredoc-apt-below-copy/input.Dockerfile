# syntax=docker/dockerfile:1
FROM python:3.12-slim

WORKDIR /app

COPY . .

# runtime libraries for psycopg
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends libpq5
rm -rf /var/lib/apt/lists/*
EOF

RUN pip install --no-cache-dir -r requirements.txt

CMD ["gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000"]
