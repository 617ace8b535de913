FROM python:3.12-alpine
WORKDIR /app
COPY . /app
RUN pip install flask flask_cors
ENTRYPOINT ["python"]
CMD ["app.py"]
