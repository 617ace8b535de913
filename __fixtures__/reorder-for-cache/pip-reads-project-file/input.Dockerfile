FROM python:3.12-alpine AS deps
WORKDIR /code
COPY LICENSE.txt .
COPY pyproject.toml .
# Install requirements
RUN apk add --no-cache --virtual .build-deps build-base libffi-dev \
    && mkdir /install \
    && python -m pip install --no-warn-script-location --prefix=/install --group docker
