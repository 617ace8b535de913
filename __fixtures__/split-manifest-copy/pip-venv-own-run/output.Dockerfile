FROM python:3.12-slim
ENV VENV_PATH=/opt/venv
WORKDIR /app
RUN python -m venv $VENV_PATH
COPY requirements.txt ./
RUN $VENV_PATH/bin/pip install -r requirements.txt
COPY . .
ENV PATH="$VENV_PATH/bin:$PATH"
CMD ["python", "app.py"]
