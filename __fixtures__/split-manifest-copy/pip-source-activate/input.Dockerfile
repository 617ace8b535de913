FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN python -m venv /opt/venv && . ./env.sh && pip install -r requirements.txt
CMD ["python", "app.py"]
