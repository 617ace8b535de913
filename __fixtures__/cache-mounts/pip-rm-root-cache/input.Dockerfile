FROM python:3.10
COPY requirements.txt /tmp/
RUN pip install -r /tmp/requirements.txt && rm -rf /root/.cache /tmp/requirements.txt
