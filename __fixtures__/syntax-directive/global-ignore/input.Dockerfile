# dockerfix global ignore=syntax-directive
FROM alpine
RUN echo hi
