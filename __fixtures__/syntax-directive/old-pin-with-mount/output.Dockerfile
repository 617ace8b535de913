# syntax=docker/dockerfile:1
FROM golang:1.22
RUN --mount=type=cache,target=/go/pkg/mod go mod download
