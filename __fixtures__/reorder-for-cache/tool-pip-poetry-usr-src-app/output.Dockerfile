FROM python:3.12-slim
WORKDIR /usr/src/app
RUN pip install poetry==1.8.3
COPY . .
RUN poetry install --no-root
CMD ["poetry", "run", "python", "-m", "app"]
