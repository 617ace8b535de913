FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt
COPY . .
CMD [".venv/bin/python", "app.py"]
