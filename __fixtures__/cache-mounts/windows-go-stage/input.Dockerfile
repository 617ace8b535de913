FROM stefanscherer/golang-windows:1.11 AS build
COPY currentuser.go currentuser.go
RUN go build currentuser.go

FROM mcr.microsoft.com/windows/nanoserver:1809
COPY --from=build /gopath/currentuser.exe currentuser.exe
CMD [ "currentuser.exe" ]
