FROM python:3.12-slim
ARG POETRY_CACHE_DIR
ENV POETRY_VIRTUALENVS_CREATE=false
RUN --mount=type=cache,target=/root/.cache/pip pip install poetry==1.8.3
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root --only main
