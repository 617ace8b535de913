FROM golang:1.22
WORKDIR /usr/src/app
COPY . .
RUN go install github.com/air-verse/air@v1.52.3
RUN go build -o /usr/local/bin/app ./cmd/app
CMD ["air"]
