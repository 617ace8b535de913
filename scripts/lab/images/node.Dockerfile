# Stand-in for the official node:20 image, built by scripts/lab/setup.sh from the
# lab's debian:bookworm, the host's node binary and npm, and the host's CA bundle
# (this machine's outbound TLS is re-signed by a local CA).
FROM debian:bookworm
RUN groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node /usr/local/bin/node
COPY npm/ /usr/local/lib/node_modules/npm/
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
ARG NODE_VERSION
ENV NODE_VERSION=$NODE_VERSION \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
