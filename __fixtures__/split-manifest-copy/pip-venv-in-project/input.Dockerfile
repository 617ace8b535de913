FROM python:3.12-slim
WORKDIR /app
RUN python -m venv /app/.venv
ENV PATH="/app/.venv/bin:$PATH"
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
