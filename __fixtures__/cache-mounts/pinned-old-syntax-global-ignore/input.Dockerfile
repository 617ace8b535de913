# syntax=docker/dockerfile:1.0
# dockerfix global ignore=syntax-directive
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
