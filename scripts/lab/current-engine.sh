# Sourced by setup.sh and teardown.sh: the lab's *current* engine, Debian trixie's
# docker.io 26.1 + docker-buildx 0.13, beside the old one (the host's bookworm 20.10).
#
# The host stays bookworm (no trixie packages on it): trixie is debootstrapped into
# $CUR_DIR/rootfs, the packages are installed there, and its dockerd runs chrooted in
# a private mount namespace (unshare -m), so /proc, /sys, /dev and its own /run and
# data root are mounted for it alone and vanish with it. Trixie's runc needs glibc
# 2.38 (the host has 2.36), so the daemon side must run in the chroot; the client and
# the buildx plugin need only 2.34 and run on the host: $CUR_DIR/docker is a wrapper
# that points them at the current engine's socket and plugin dir.
#
# Needs from the caller: LAB_DIR, log, die, debian_mirror. Defines CUR_* and the
# functions below.
CUR_DIR=$LAB_DIR/current
CUR_ROOTFS=$CUR_DIR/rootfs
CUR_RUN=$CUR_DIR/run              # the chroot's /run: docker.sock, containerd, dockerd's pid
CUR_DATA=$CUR_DIR/data            # the chroot's /var/lib/docker
CUR_LOG=$CUR_DIR/dockerd.log
CUR_PIDFILE=$CUR_DIR/dockerd.pid
CUR_CLIENT=$CUR_DIR/docker        # wrapper: the trixie client, on the host, at this engine
CUR_SOCK=$CUR_RUN/docker.sock
CUR_PACKAGES="docker.io docker-cli docker-buildx"
# Bump when the rootfs recipe below changes: a rootfs with another value is rebuilt.
CUR_ROOTFS_RECIPE=1

current_rootfs() {
  if [ "$(cat "$CUR_ROOTFS/.dockerfix-lab-recipe" 2>/dev/null)" = "$CUR_ROOTFS_RECIPE" ]; then
    log "current engine: trixie rootfs present ($CUR_ROOTFS)"
    return
  fi
  local started=$(date +%s) mirror
  mirror=$(debian_mirror)
  rm -rf "$CUR_ROOTFS"; mkdir -p "$CUR_DIR"
  mkdir -p "$LAB_DIR/cache/debootstrap-trixie"
  log "current engine: debootstrap --variant=minbase trixie from $mirror"
  if ! debootstrap --variant=minbase --cache-dir="$LAB_DIR/cache/debootstrap-trixie" \
      trixie "$CUR_ROOTFS" "$mirror" >"$CUR_DIR/debootstrap.log" 2>&1; then
    tail -n 20 "$CUR_DIR/debootstrap.log" >&2
    die "current engine: debootstrap trixie failed (full log: $CUR_DIR/debootstrap.log)"
  fi
  cp -L /etc/resolv.conf "$CUR_ROOTFS/etc/resolv.conf"
  # No service may start while packages are installed in the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$CUR_ROOTFS/usr/sbin/policy-rc.d"
  chmod 0755 "$CUR_ROOTFS/usr/sbin/policy-rc.d"
  log "current engine: apt-get install $CUR_PACKAGES (in the chroot)"
  if ! { chroot "$CUR_ROOTFS" apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive chroot "$CUR_ROOTFS" apt-get install -y -qq --no-install-recommends $CUR_PACKAGES; } \
      >"$CUR_DIR/apt.log" 2>&1; then
    tail -n 20 "$CUR_DIR/apt.log" >&2
    die "current engine: apt-get install in the trixie chroot failed (full log: $CUR_DIR/apt.log)"
  fi
  chroot "$CUR_ROOTFS" apt-get clean
  mkdir -p "$CUR_ROOTFS/var/lib/docker"
  echo "$CUR_ROOTFS_RECIPE" >"$CUR_ROOTFS/.dockerfix-lab-recipe"
  log "current engine: rootfs with $(chroot "$CUR_ROOTFS" dpkg-query -W -f='${Package} ${Version}, ' $CUR_PACKAGES | sed 's/, $//') in $(( $(date +%s) - started )) s"
}

current_client() {
  mkdir -p "$CUR_DIR/docker-config/cli-plugins"
  ln -sfn "$CUR_ROOTFS/usr/libexec/docker/cli-plugins/docker-buildx" "$CUR_DIR/docker-config/cli-plugins/docker-buildx"
  cat >"$CUR_CLIENT.tmp" <<WRAP
#!/bin/sh
# Written by scripts/lab/setup.sh: Debian trixie's docker client (26.1) and its buildx
# plugin (0.13), run on the host, talking to the lab's current engine.
export DOCKER_HOST=unix://$CUR_SOCK
export DOCKER_CONFIG=$CUR_DIR/docker-config
exec $CUR_ROOTFS/usr/bin/docker "\$@"
WRAP
  chmod 0755 "$CUR_CLIENT.tmp"; mv "$CUR_CLIENT.tmp" "$CUR_CLIENT"
}

current_running() { [ -f "$CUR_PIDFILE" ] && kill -0 "$(cat "$CUR_PIDFILE")" 2>/dev/null; }

current_engine() {
  current_client
  if "$CUR_CLIENT" info >/dev/null 2>&1; then
    log "current engine answers (dockerd pid $(cat "$CUR_PIDFILE" 2>/dev/null || echo '?'))"
    return
  fi
  if ! current_running; then
    log "current engine: starting trixie's dockerd in the chroot (data root $CUR_DATA, socket $CUR_SOCK, log $CUR_LOG)"
    mkdir -p "$CUR_RUN" "$CUR_DATA"
    rm -f "$CUR_SOCK" "$CUR_RUN/docker.pid"
    # / of the chroot must be a mount point (docker load remounts it rslave), hence the
    # self bind mount. Same flags as the old engine: no bridge, no iptables.
    setsid nohup unshare --mount --propagation private -- sh -c '
      R=$1; mount --bind "$R" "$R" && mount -t proc proc "$R/proc" && mount --rbind /sys "$R/sys" &&
      mount --rbind /dev "$R/dev" && mount --bind "$2" "$R/run" && mount --bind "$3" "$R/var/lib/docker" &&
      exec chroot "$R" /usr/sbin/dockerd --iptables=false --ip6tables=false --bridge=none -H unix:///run/docker.sock
    ' sh "$CUR_ROOTFS" "$CUR_RUN" "$CUR_DATA" >>"$CUR_LOG" 2>&1 </dev/null &
    echo $! >"$CUR_PIDFILE"
  fi
  local ok=
  for _ in $(seq 1 60); do
    if "$CUR_CLIENT" info >/dev/null 2>&1; then ok=1; break; fi
    current_running || break
    sleep 1
  done
  if [ -z "$ok" ]; then
    echo "----- last lines of $CUR_LOG -----" >&2
    tail -n 30 "$CUR_LOG" >&2 || true
    if current_running; then
      die "current engine: dockerd (pid $(cat "$CUR_PIDFILE")) is running but '$CUR_CLIENT info' did not answer within 60 s"
    fi
    rm -f "$CUR_PIDFILE"
    die "current engine: dockerd exited during start-up (see the log above)"
  fi
  log "current engine up (pid $(cat "$CUR_PIDFILE"))"
}

# The base images: the old engine's, saved and loaded (same layers, tags and recipe labels).
CUR_IMAGES="debian:bookworm debian:12 node:20 node:20-slim node:20-bookworm node:20-bookworm-slim python:3.11-slim python:3.11 python:3.11-slim-bookworm busybox:latest"
current_images() { # $1: the old engine's client
  local missing=() t old new
  for t in $CUR_IMAGES; do
    old=$("$1" image inspect -f '{{.Id}}' "$t" 2>/dev/null) || die "current engine: the old engine has no $t to load (run setup.sh with --engine both)"
    new=$("$CUR_CLIENT" image inspect -f '{{.Id}}' "$t" 2>/dev/null || true)
    [ "$old" = "$new" ] || missing+=("$t")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "current engine: base images present (same ids as the old engine's)"; return; fi
  local started=$(date +%s)
  log "current engine: loading ${missing[*]} from the old engine"
  "$1" save "${missing[@]}" | "$CUR_CLIENT" load >/dev/null || die "current engine: docker save | docker load failed"
  log "current engine: base images loaded in $(( $(date +%s) - started )) s"
}

current_stop() {
  if [ -f "$CUR_PIDFILE" ]; then
    local pid; pid=$(cat "$CUR_PIDFILE")
    if kill -0 "$pid" 2>/dev/null && grep -qa dockerd "/proc/$pid/cmdline"; then
      echo "[lab] stopping the current engine's dockerd (pid $pid)" >&2
      kill -TERM "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      if kill -0 "$pid" 2>/dev/null; then echo "[lab] dockerd did not stop in 30 s; sending KILL" >&2; kill -KILL "$pid"; fi
    else
      echo "[lab] current engine: pid $pid from $CUR_PIDFILE is not running" >&2
    fi
    rm -f "$CUR_PIDFILE"
  else
    echo "[lab] no pid file ($CUR_PIDFILE): the current engine was not started; nothing to stop" >&2
  fi
}
