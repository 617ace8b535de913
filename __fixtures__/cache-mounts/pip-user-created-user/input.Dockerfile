FROM python:3.12-slim
RUN groupadd -g 10001 app && useradd -m -u 10001 -g app app
USER app
WORKDIR /home/app
COPY --chown=app:app requirements.txt .
RUN pip install --user -r requirements.txt
