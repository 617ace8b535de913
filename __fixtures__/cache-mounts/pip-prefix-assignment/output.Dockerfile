FROM python:3.12
RUN --mount=type=cache,target=/root/.cache/pip python -m pip install --upgrade pip setuptools wheel
