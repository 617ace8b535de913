FROM python:3.12
WORKDIR /app
RUN python -m venv /app/.venv
ENV PATH=/app/.venv/bin:$PATH
COPY . .
RUN pip install gunicorn
CMD ["gunicorn", "app:app"]
