FROM python:3.7-slim
WORKDIR /srv/app
ARG VERSION
COPY app/ ./app/
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv
RUN pip install --upgrade pip && pip install -r requirements.txt
ENV VERSION_2 2
ENV VERSION $VERSION
CMD ["env"]
