FROM python:3.10
COPY requirements.txt /tmp/
RUN --mount=type=cache,target=/root/.cache/pip pip install -r /tmp/requirements.txt && rm -rf /tmp/requirements.txt
