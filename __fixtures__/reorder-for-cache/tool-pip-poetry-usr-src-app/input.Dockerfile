FROM python:3.12-slim
WORKDIR /usr/src/app
COPY . .
RUN pip install poetry==1.8.3
RUN poetry install --no-root
CMD ["poetry", "run", "python", "-m", "app"]
