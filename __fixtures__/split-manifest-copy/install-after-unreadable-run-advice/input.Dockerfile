FROM rust:1.82 AS build
WORKDIR /app
COPY . .
RUN echo "building with profile ${PROFILE}"
RUN cargo build --release --bin server

FROM debian:bookworm-slim
COPY --from=build /app/target/release/server /usr/local/bin/server
CMD ["server"]
