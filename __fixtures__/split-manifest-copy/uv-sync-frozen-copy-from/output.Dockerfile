FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv /uv /bin/
WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-install-project --no-dev
COPY . .
CMD ["/app/.venv/bin/python", "app.py"]
