FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
RUN apt-get update && apt-get install -y --no-install-recommends curl
COPY . .
CMD ["python", "app.py"]
