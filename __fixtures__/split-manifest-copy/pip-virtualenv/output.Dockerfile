FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN pip install virtualenv && virtualenv /opt/venv && /opt/venv/bin/pip install -r requirements.txt
COPY . .
CMD ["/opt/venv/bin/python", "app.py"]
