FROM python:3.12-slim
WORKDIR /usr/app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
COPY . .
CMD ["python", "app.py"]
