FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install pipenv && pipenv install --deploy --system
CMD ["python", "main.py"]
