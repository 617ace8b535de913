FROM python:3.11-slim
RUN pip install poetry==1.8.3
WORKDIR /app
COPY . .
RUN poetry config --local virtualenvs.in-project true && poetry install --no-root --only main
CMD [".venv/bin/python", "-m", "service"]
