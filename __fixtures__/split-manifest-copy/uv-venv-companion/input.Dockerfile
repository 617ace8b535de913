FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv
WORKDIR /app
COPY . .
RUN uv sync --locked --no-install-project --no-dev
CMD ["uv", "run", "app.py"]
