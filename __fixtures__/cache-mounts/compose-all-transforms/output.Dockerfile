# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
ARG APP_VERSION=dev
LABEL org.opencontainers.image.version=$APP_VERSION
CMD ["gunicorn", "app:app"]
