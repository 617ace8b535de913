FROM golang:1.23
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
ARG CACHE_ID=go
RUN --mount=type=cache,id=${CACHE_ID},target=/go/pkg/mod go mod download
