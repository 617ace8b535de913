# syntax=docker/dockerfile:1
FROM python:3.9
COPY Pipfile Pipfile.lock ./
RUN <<EOF
set -e
pipenv install --deploy --system
EOF
