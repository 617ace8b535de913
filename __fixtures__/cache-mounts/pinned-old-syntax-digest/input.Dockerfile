# syntax=docker/dockerfile:1.0@sha256:abababababababababababababababababababababababababababababababab
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
