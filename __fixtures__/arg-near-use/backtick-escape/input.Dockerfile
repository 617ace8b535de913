# escape=`
FROM alpine:3.20
ARG VERSION
RUN apk add --no-cache ca-certificates `
        tzdata
COPY app /usr/local/bin/app
LABEL version=$VERSION
