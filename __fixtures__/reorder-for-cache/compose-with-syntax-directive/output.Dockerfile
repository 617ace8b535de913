# syntax=docker/dockerfile:1
FROM python:3.7-slim
WORKDIR /srv/app
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv
COPY app/ ./app/
RUN pip install --upgrade pip && pip install -r requirements.txt
ENV VERSION_2 2
ARG VERSION
ENV VERSION $VERSION
CMD ["env"]
