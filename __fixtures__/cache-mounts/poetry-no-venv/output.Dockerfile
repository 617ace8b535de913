FROM python:3.11
ENV POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_CREATE=false
RUN --mount=type=cache,target=/root/.cache/pip pip install "poetry==$POETRY_VERSION"
WORKDIR /code
COPY poetry.lock pyproject.toml /code/
RUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --no-root --no-interaction --no-ansi
