FROM alpine:3.20
COPY . /opt/app
RUN apk add --no-cache curl
CMD ["/opt/app/run.sh"]
