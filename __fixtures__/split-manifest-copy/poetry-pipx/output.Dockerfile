FROM python:3.11-slim
ENV PATH="/root/.local/bin:$PATH" \
    POETRY_VIRTUALENVS_IN_PROJECT=true
WORKDIR /app
COPY pyproject.toml poetry.lock README.md ./
RUN pip install pipx && pipx install poetry && poetry install --no-root
COPY . .
CMD [".venv/bin/python", "-m", "service"]
