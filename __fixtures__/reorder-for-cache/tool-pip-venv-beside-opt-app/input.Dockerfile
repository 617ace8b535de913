FROM python:3.12-slim
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /opt/app
COPY . .
RUN pip install gunicorn==22.0.0
CMD ["gunicorn", "app:app"]
