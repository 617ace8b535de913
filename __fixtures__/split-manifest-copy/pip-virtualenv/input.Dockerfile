FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install virtualenv && virtualenv /opt/venv && /opt/venv/bin/pip install -r requirements.txt
CMD ["/opt/venv/bin/python", "app.py"]
