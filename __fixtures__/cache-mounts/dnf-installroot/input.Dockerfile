FROM fedora:40 AS rootfs
RUN dnf --installroot /mnt/rootfs --releasever 40 --setopt=install_weak_deps=False -y install bash coreutils \
    && dnf --installroot /mnt/rootfs clean all

FROM scratch
COPY --from=rootfs /mnt/rootfs /
