FROM python:3.12-slim
ARG APP_VERSION=dev
WORKDIR /app
COPY . .
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir -r requirements.txt
LABEL org.opencontainers.image.version=$APP_VERSION
CMD ["gunicorn", "app:app"]
