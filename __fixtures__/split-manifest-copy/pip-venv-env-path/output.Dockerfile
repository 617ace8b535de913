FROM python:3.12-slim
ENV VENV_PATH=/opt/venv
ENV PATH="$VENV_PATH/bin:$PATH"
WORKDIR /app
COPY requirements.txt ./
RUN python -m venv "$VENV_PATH" && "$VENV_PATH/bin/pip" install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
