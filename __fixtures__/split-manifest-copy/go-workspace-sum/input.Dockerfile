FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go mod download
RUN go build -o /out/api ./cmd/api
