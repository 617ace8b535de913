FROM python:3.12-slim
ARG VENV_PATH=/opt/venv
ENV VENV_PATH=/opt/venv
WORKDIR /app
COPY requirements.txt ./
RUN python -m venv "$VENV_PATH" && "$VENV_PATH/bin/pip" install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
