# escape=`
FROM alpine:3.20
RUN apk add --no-cache ca-certificates `
        tzdata
COPY app /usr/local/bin/app
ARG VERSION
LABEL version=$VERSION
