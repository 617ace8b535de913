FROM golang:1.22-alpine AS builder
WORKDIR /src
# Sources
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -o /out/api ./cmd/api

FROM alpine:3.20
COPY --from=builder /out/api /usr/local/bin/api
ENTRYPOINT ["api"]
