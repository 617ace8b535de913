#!/usr/bin/env -S docker build . -t app -f
FROM alpine
RUN echo hi
