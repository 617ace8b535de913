FROM python:3.12-slim
ENV VENV_PATH=/opt/venv
WORKDIR /app
COPY . .
RUN python -m venv $VENV_PATH
RUN $VENV_PATH/bin/pip install -r requirements.txt
ENV PATH="$VENV_PATH/bin:$PATH"
CMD ["python", "app.py"]
