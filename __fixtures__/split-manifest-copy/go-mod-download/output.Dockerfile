FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
COPY lib/go.mod ./lib/
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
