FROM python:3.12-slim
WORKDIR /home/app
COPY . .
ENV VIRTUAL_ENV=/home/app/venv
RUN python -m venv $VIRTUAL_ENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
