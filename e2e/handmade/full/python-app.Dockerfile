# syntax=docker/dockerfile:1
FROM python:3.11-slim

WORKDIR /app
COPY requirements.txt /app/
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . /app

ENV PYTHONUNBUFFERED=1
EXPOSE 5000
CMD ["python", "app.py"]
