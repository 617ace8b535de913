FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv /uv /bin/
WORKDIR /app
COPY . .
RUN uv sync --frozen --no-install-project --no-dev
CMD ["/app/.venv/bin/python", "app.py"]
