FROM ubuntu:24.04
COPY . /opt/app
RUN apt-get update && apt-get install -y --no-install-recommends curl
CMD ["/opt/app/run.sh"]
