FROM python:3.11-slim
ENV POETRY_VIRTUALENVS_CREATE=false
RUN pip install poetry==1.8.2
WORKDIR /app
COPY . .
RUN poetry install --no-root --only main --no-interaction
CMD ["python", "-m", "service"]
