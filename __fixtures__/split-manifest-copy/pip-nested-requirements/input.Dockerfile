FROM python:3.11
ENV PYTHONUNBUFFERED=1
WORKDIR /code
COPY . /code/
RUN pip install --upgrade pip && pip install -r requirements/production.txt
CMD ["python", "manage.py", "runserver"]
