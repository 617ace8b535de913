FROM debian:bookworm-slim
ARG TERRAFORM_VERSION=1.9.8
ARG TERRAFORM_SHA256
WORKDIR /builder
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip ca-certificates && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_amd64.zip > terraform.zip
RUN echo "${TERRAFORM_SHA256}  terraform.zip" > SHA256SUMS
RUN sha256sum -c SHA256SUMS --status
RUN unzip terraform.zip -d /usr/local/bin
