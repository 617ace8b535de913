FROM centos:7
RUN --mount=type=cache,target=/var/cache/yum,sharing=locked \
 yum --setopt=keepcache=1 install -y epel-release \
 && yum --setopt=keepcache=1 install -y python3
