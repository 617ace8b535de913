FROM python:3.11-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install poetry
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN --mount=type=cache,target=/root/.cache/pypoetry/artifacts --mount=type=cache,target=/root/.cache/pypoetry/cache poetry install --no-root
