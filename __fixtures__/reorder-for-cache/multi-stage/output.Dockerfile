FROM golang:1.23-bookworm AS build
WORKDIR /src
COPY --from=bufbuild/buf:1.47 /usr/local/bin/buf /usr/local/bin/buf
COPY . .
RUN buf generate && go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.35 /ko-app/grpc-health-probe /bin/grpc_health_probe
COPY --from=build /out/api /usr/local/bin/api
USER nonroot
ENTRYPOINT ["/usr/local/bin/api"]
