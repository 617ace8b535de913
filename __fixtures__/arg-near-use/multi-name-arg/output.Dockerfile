FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY server /usr/local/bin/server
ARG GIT_SHA BUILD_DATE
LABEL org.opencontainers.image.revision=$GIT_SHA org.opencontainers.image.created=$BUILD_DATE
