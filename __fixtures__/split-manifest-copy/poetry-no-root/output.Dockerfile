FROM python:3.11-slim
ENV POETRY_VIRTUALENVS_CREATE=false
RUN pip install poetry==1.8.2
WORKDIR /app
COPY pyproject.toml poetry.lock README.md ./
RUN poetry install --no-root --only main --no-interaction
COPY . .
CMD ["python", "-m", "service"]
