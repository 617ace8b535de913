FROM alpine:3.20 AS base
ARG GIT_SHA
RUN apk add --no-cache ca-certificates tzdata
COPY bin/server /usr/local/bin/server

FROM base
LABEL revision=$GIT_SHA
ENTRYPOINT ["/usr/local/bin/server"]
