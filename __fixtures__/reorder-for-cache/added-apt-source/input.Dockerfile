FROM debian:bookworm-slim
RUN echo "deb [trusted=yes] https://apt.example.com/ stable main" > /etc/apt/sources.list.d/vendor.list
COPY . /opt/app
RUN apt-get update && apt-get install -y vendor-agent
CMD ["/opt/app/run.sh"]
