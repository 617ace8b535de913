FROM fedora:41
RUN --mount=type=cache,target=/var/cache/libdnf5,sharing=locked \
    dnf --setopt=keepcache=True install -y gcc make
