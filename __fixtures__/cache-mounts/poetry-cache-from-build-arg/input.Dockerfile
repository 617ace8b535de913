FROM python:3.12-slim
ARG POETRY_CACHE_DIR
ENV POETRY_VIRTUALENVS_CREATE=false
RUN pip install poetry==1.8.3
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root --only main
