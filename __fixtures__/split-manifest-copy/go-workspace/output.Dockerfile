FROM golang:1.22 AS build
WORKDIR /src
COPY go.work go.mod ./
COPY tools/go.mod ./tools/
RUN go mod download
COPY . .
RUN go build -o /out/app .
