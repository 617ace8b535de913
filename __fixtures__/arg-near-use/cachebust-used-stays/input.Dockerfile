FROM alpine:3.20
ARG CACHEBUST
RUN apk add --no-cache git
RUN echo "cache bust: $CACHEBUST" && git clone --depth 1 https://github.com/example/docs.git /docs
