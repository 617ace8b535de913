FROM continuumio/miniconda3:24.7.1-0
WORKDIR /opt/app
COPY . .
RUN pip install gunicorn==22.0.0
CMD ["gunicorn", "app:app"]
