FROM python:3.12-slim
ENV PIP_NO_CACHE_DIR=off
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
