# syntax=docker/dockerfile:1
FROM python:3.7-slim
RUN pip install --upgrade pip && pip install -r requirements.txt
ENV VERSION_2 2
ARG VERSION
ENV VERSION $VERSION
CMD ["env"]
