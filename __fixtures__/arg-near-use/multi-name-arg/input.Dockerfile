FROM alpine:3.20
ARG GIT_SHA BUILD_DATE
RUN apk add --no-cache ca-certificates
COPY server /usr/local/bin/server
LABEL org.opencontainers.image.revision=$GIT_SHA org.opencontainers.image.created=$BUILD_DATE
