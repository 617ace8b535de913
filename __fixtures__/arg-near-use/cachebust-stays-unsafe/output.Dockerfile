FROM alpine:3.20
RUN apk add --no-cache git && git clone --depth 1 https://github.com/example/docs /docs
ARG CACHEBUST=1
