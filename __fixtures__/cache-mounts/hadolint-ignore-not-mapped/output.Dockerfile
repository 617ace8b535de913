FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
# hadolint ignore=DL3042
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
