FROM python:3.12-slim
ARG VERSION=dev
ARG BUILD_DATE
LABEL org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.created="$BUILD_DATE"
RUN pip install --no-cache-dir gunicorn==22.0.0
COPY . /app
CMD ["gunicorn", "app:app"]
