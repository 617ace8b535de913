FROM python:3.11
ADD ./ /eve
WORKDIR /eve
COPY . .
RUN pip install -r requirements.txt
CMD ["gunicorn", "app:app"]
