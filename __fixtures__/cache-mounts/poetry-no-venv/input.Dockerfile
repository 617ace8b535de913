FROM python:3.11
ENV POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_CREATE=false
RUN pip install "poetry==$POETRY_VERSION"
WORKDIR /code
COPY poetry.lock pyproject.toml /code/
RUN poetry install --no-root --no-interaction --no-ansi && rm -rf /root/.cache/pypoetry
