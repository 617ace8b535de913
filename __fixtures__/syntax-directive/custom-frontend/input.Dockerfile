# syntax=registry.example.com/frontends/dockerfile:1.0
FROM alpine
RUN --mount=type=cache,target=/root/.cache true
