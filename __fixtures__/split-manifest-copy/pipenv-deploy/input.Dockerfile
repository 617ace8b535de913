FROM python:3.12-slim
RUN pip install pipenv
WORKDIR /app
COPY . .
RUN pipenv install --system --deploy
CMD ["python", "main.py"]
