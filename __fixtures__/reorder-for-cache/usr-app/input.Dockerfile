FROM python:3.12-slim
WORKDIR /usr/app
COPY . .
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
CMD ["python", "app.py"]
