FROM golang:1.22 AS build
WORKDIR /src
COPY go.work ./
COPY cmd/api/go.mod cmd/api/go.sum ./cmd/api/
COPY pkg/store/go.mod ./pkg/store/
COPY third_party/gen/go.mod ./third_party/gen/
RUN go mod download
COPY . .
RUN go build -o /out/api ./cmd/api
