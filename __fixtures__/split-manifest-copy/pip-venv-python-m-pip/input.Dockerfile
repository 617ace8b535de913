FROM python:3.12-slim
ENV VIRTUAL_ENV=/opt/venv
WORKDIR /app
COPY . .
RUN python3 -m venv $VIRTUAL_ENV && $VIRTUAL_ENV/bin/python -m pip install -r requirements.txt
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
CMD ["python", "app.py"]
