FROM alpine:3.20
ARG CACHEBUST=1
RUN apk add --no-cache git && git clone --depth 1 https://github.com/example/docs /docs
