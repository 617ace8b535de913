FROM python:3.11
ENV PYTHONUNBUFFERED=1
WORKDIR /code
COPY requirements/production.txt requirements/base.txt /code/requirements/
COPY constraints.txt /code/
RUN pip install --upgrade pip && pip install -r requirements/production.txt
COPY . /code/
CMD ["python", "manage.py", "runserver"]
