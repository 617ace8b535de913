FROM debian:bookworm-slim
WORKDIR /src
ARG RELEASE_CHANNEL=stable
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
COPY . .
RUN ./build.sh
