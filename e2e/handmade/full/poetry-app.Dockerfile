# syntax=docker/dockerfile:1
FROM python:3.11-slim

# Poetry from Debian (the image's python is Debian's python3)
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update \
    && apt-get install -y --no-install-recommends python3-poetry

# Install into the image's python, no virtualenv
ENV POETRY_VIRTUALENVS_CREATE=false \
    POETRY_NO_INTERACTION=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app
COPY pyproject.toml poetry.lock README.md ./
RUN --mount=type=cache,target=/root/.cache/pypoetry \
    poetry install --no-root --only main
COPY . .

EXPOSE 8000
CMD ["python", "-m", "shelf"]
