FROM python:3.12-slim
ARG APP_HOME=/opt/app
COPY requirements.txt $APP_HOME/
RUN pip install --no-cache-dir -r $APP_HOME/requirements.txt
COPY . $APP_HOME/
WORKDIR $APP_HOME
