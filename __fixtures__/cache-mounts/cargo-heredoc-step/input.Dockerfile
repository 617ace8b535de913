# syntax=docker/dockerfile:1
FROM rust:1.79 AS builder
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY . .
RUN <<EOF
cargo build --release --offline
cp target/release/app /app/app
EOF
