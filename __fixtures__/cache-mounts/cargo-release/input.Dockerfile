FROM rust:1.79 AS builder
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked && cp target/release/app /usr/local/bin/app

FROM debian:bookworm-slim
COPY --from=builder /usr/local/bin/app /usr/local/bin/app
CMD ["app"]
