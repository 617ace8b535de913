FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv /uv /bin/
ENV UV_PROJECT_ENVIRONMENT=/opt/venv
WORKDIR /app
COPY .python-version pyproject.toml uv.lock ./
RUN uv venv /opt/venv && uv sync --locked --no-install-project
COPY . .
CMD ["/opt/venv/bin/python", "app.py"]
