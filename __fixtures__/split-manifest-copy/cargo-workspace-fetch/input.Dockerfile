FROM rust:1.77 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo fetch --locked
RUN cargo build --release --locked --offline
