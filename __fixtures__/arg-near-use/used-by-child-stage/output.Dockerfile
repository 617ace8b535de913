FROM alpine:3.20 AS base
RUN apk add --no-cache ca-certificates tzdata
COPY bin/server /usr/local/bin/server
ARG GIT_SHA

FROM base
LABEL revision=$GIT_SHA
ENTRYPOINT ["/usr/local/bin/server"]
