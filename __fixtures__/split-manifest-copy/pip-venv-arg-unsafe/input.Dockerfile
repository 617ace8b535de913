FROM python:3.12-slim
ARG VENV_PATH=/opt/venv
WORKDIR /app
COPY . .
RUN python -m venv "$VENV_PATH" && "$VENV_PATH/bin/pip" install -r requirements.txt
CMD ["python", "app.py"]
