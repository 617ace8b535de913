FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/
WORKDIR /app
COPY . .
# Copy source code and install the project itself
RUN uv sync --frozen
