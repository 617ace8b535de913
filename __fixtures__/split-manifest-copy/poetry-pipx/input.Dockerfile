FROM python:3.11-slim
ENV PATH="/root/.local/bin:$PATH" \
    POETRY_VIRTUALENVS_IN_PROJECT=true
WORKDIR /app
COPY . .
RUN pip install pipx && pipx install poetry && poetry install --no-root
CMD [".venv/bin/python", "-m", "service"]
