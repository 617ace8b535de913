FROM python:3.12-slim
WORKDIR /app
# uv: fast installer, pinned
# dockerfix: keep the version in sync with CI
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/
COPY src/ ./src/
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen
