FROM fedora:41
RUN dnf install -y gcc make && \
    dnf clean all
