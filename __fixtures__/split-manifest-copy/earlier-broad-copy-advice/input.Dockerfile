FROM python:3.12-slim
ADD ./ /srv
WORKDIR /srv
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
