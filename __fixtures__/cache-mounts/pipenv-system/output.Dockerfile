FROM python:3.9
RUN --mount=type=cache,target=/root/.cache/pip pip install pipenv
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN --mount=type=cache,target=/root/.cache/pip pipenv install --deploy --system
