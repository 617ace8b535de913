FROM python:3.12-slim
ENV VENV_PATH=/opt/venv
WORKDIR /app
COPY requirements.txt ./
RUN python -m venv $VENV_PATH \
    && . $VENV_PATH/bin/activate \
    && pip install -r requirements.txt
COPY . .
ENV PATH="$VENV_PATH/bin:$PATH"
CMD ["python", "app.py"]
