FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python -m venv /app/.venv && /app/.venv/bin/pip install -r requirements.txt
CMD ["/app/.venv/bin/python", "app.py"]
