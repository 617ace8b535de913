FROM alpine:3.20
ARG FOO
RUN apk add --no-cache ca-certificates
COPY app /usr/local/bin/app
