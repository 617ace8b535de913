FROM golang:nanoserver
WORKDIR /code
COPY . /code
RUN go build webserver.go
CMD ["webserver.exe"]
