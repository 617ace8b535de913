FROM rust:1.77 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked
