FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install poetry==1.8.3 \
    && poetry config virtualenvs.create false \
    && poetry install --no-root --only main --no-interaction
CMD ["python", "-m", "service"]
