FROM golang:1.22-alpine AS builder
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM alpine:3.20
COPY --from=builder /out/api /usr/local/bin/api
