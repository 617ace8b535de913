# syntax=mirror.corp.example/docker/dockerfile:1.10
FROM alpine
RUN echo hi
