FROM python:3.11
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pip install --no-cache-dir pipenv
RUN pipenv install --system --deploy
COPY . .
CMD ["python", "main.py"]
