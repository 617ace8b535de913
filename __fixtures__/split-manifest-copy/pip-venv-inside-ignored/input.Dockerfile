FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt
CMD [".venv/bin/python", "app.py"]
