FROM gcc:14
WORKDIR /src
ARG BUILD_NUMBER
RUN apt-get update && apt-get install -y --no-install-recommends cmake && rm -rf /var/lib/apt/lists/*
COPY . .
RUN make -j"$(nproc)"
