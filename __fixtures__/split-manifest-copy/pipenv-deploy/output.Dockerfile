FROM python:3.12-slim
RUN pip install pipenv
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy
COPY . .
CMD ["python", "main.py"]
