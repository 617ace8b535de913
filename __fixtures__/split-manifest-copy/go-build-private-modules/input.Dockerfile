FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
RUN --mount=type=secret,id=netrc,target=/root/.netrc GOPRIVATE=github.com/acme go build -o /out/svc .

FROM gcr.io/distroless/base
COPY --from=builder /out/svc /svc
