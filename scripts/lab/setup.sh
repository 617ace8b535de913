#!/usr/bin/env bash
# Set up a local Docker engine (BuildKit built in) plus locally built base images
# for dockerfix's end-to-end suite. Debian bookworm, run as root. Idempotent: a
# second run reuses the packages, the running engine and the images.
#
# No container registry is reachable from this machine, so every base image the
# sample apps use (debian:bookworm, node:20, python:3.11-slim, busybox) is built
# here from Debian packages and the host's own node/npm. See docs/e2e.md.
#
# Usage: setup.sh [--engine old|current|both]   (default both)
#   old      Debian bookworm's docker.io 20.10 (BuildKit 0.8) on the host, client /usr/bin/docker
#   current  also Debian trixie's docker.io 26.1 + docker-buildx 0.13, in a chroot beside it
#            (scripts/lab/current-engine.sh); its base images are loaded from the old
#            engine, so the old engine is set up in every case
#
# Environment:
#   DOCKERFIX_LAB_DIR     state dir (engine data, log, pid file)  [/tmp/dockerfix-lab]
#   DOCKERFIX_LAB_REBUILD=1  rebuild the base images even if present
#   DOCKER                docker client to use  [/usr/bin/docker, Debian's 20.10 client]
set -euo pipefail

ENGINE=both
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) ENGINE=${2:-}; shift 2 || true ;;
    --engine=*) ENGINE=${1#--engine=}; shift ;;
    *) echo "[lab] ERROR: unknown argument $1 (usage: setup.sh [--engine old|current|both])" >&2; exit 2 ;;
  esac
done
case "$ENGINE" in old|current|both) ;; *) echo "[lab] ERROR: --engine must be old, current or both, not '$ENGINE'" >&2; exit 2 ;; esac

LAB_DIR=${DOCKERFIX_LAB_DIR:-/tmp/dockerfix-lab}
DATA_ROOT=$LAB_DIR/data
LOG=$LAB_DIR/dockerd.log
PIDFILE=$LAB_DIR/dockerd.pid
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Bump when an image recipe below changes: images with another value are rebuilt.
RECIPE=4
# The python stand-in image points pip at a local package index on this port
# (served by the e2e suite from e2e/pypi/); keep in sync with test/e2e/lib/pypi.ts.
PYPI_PORT=38765

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }
t0=$(date +%s)

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, dockerd, debootstrap)"
mkdir -p "$LAB_DIR"

# --- 1. packages ---------------------------------------------------------------
need=()
for p in docker.io debootstrap busybox-static; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  log "packages present: docker.io debootstrap busybox-static"
fi

# Debian's docker.io client (20.10) drives BuildKit itself. A newer stand-alone
# client (e.g. /usr/local/bin/docker 28.x) refuses DOCKER_BUILDKIT=1 without the
# buildx plugin, so prefer Debian's.
if [ -z "${DOCKER:-}" ]; then
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
export DOCKER_BUILDKIT=1

# --- 2. engine -------------------------------------------------------------------
if "$DOCKER" info >/dev/null 2>&1; then
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    log "engine answers (dockerd pid $(cat "$PIDFILE"), started by an earlier setup run)"
  else
    log "an engine already answers (not started by this script; teardown.sh will leave it alone)"
  fi
else
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    log "dockerd (pid $(cat "$PIDFILE")) started earlier is still starting up"
  else
    log "starting dockerd (data root $DATA_ROOT, log $LOG)"
    mkdir -p "$DATA_ROOT"
    # No bridge and no iptables: this machine has neither; builds use --network=host.
    setsid nohup dockerd --iptables=false --bridge=none --data-root "$DATA_ROOT" \
      >>"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
  fi
  ok=
  for _ in $(seq 1 60); do
    if "$DOCKER" info >/dev/null 2>&1; then ok=1; break; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then break; fi
    sleep 1
  done
  if [ -z "$ok" ]; then
    echo "----- last lines of $LOG -----" >&2
    tail -n 30 "$LOG" >&2 || true
    if kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      die "dockerd (pid $(cat "$PIDFILE")) is running but '$DOCKER info' did not answer within 60 s"
    else
      rm -f "$PIDFILE"
      die "dockerd exited during start-up (see the log above)"
    fi
  fi
  log "engine up (pid $(cat "$PIDFILE"))"
fi
"$DOCKER" version --format 'client {{.Client.Version}}, server {{.Server.Version}}' >&2

# --- 3. base images ---------------------------------------------------------------
have_image() { # name -> 0 if present and built by this recipe
  [ "${DOCKERFIX_LAB_REBUILD:-}" = 1 ] && return 1
  local v
  v=$("$DOCKER" image inspect -f '{{index .Config.Labels "dockerfix.lab.recipe"}}' "$1" 2>/dev/null) || return 1
  [ "$v" = "$RECIPE" ]
}

# The Debian mirror apt on this host uses (deb822 or one-line format).
debian_mirror() {
  local u
  u=$(grep -hE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '{print $2}' | grep -v -- '-security' | grep '/debian' | head -n1 || true)
  if [ -z "$u" ]; then
    u=$(grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list 2>/dev/null \
          | awk '{print $2}' | grep -v -- '-security' | grep '/debian' | head -n1 || true)
  fi
  echo "${u:-http://deb.debian.org/debian}"
}
security_mirror() {
  local u
  u=$(grep -hE '^[[:space:]]*(URIs:|deb[[:space:]])' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | awk '{print $2}' | grep -- '-security' | head -n1 || true)
  echo "${u:-http://deb.debian.org/debian-security}"
}

build_debian() {
  local started=$(date +%s)
  local mirror sec rootfs
  mirror=$(debian_mirror); sec=$(security_mirror)
  rootfs=$LAB_DIR/rootfs-bookworm
  rm -rf "$rootfs"
  log "debootstrap --variant=minbase bookworm from $mirror (about 35 s)"
  # .debs are kept in $LAB_DIR/cache so that rebuilding the image (recipe change,
  # DOCKERFIX_LAB_REBUILD=1) does not download them again.
  mkdir -p "$LAB_DIR/cache/debootstrap"
  if ! debootstrap --variant=minbase --cache-dir="$LAB_DIR/cache/debootstrap" \
      bookworm "$rootfs" "$mirror" >"$LAB_DIR/debootstrap.log" 2>&1; then
    tail -n 20 "$LAB_DIR/debootstrap.log" >&2
    die "debootstrap failed (full log: $LAB_DIR/debootstrap.log)"
  fi
  # Behave like the official image: apt sources in deb822 form, the two apt
  # settings files the official image ships, no package lists, no downloaded debs.
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $sec
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  install -m 0644 "$HERE/images/apt/docker-clean" "$rootfs/etc/apt/apt.conf.d/docker-clean"
  install -m 0644 "$HERE/images/apt/docker-autoremove-suggests" "$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
  : >"$rootfs/etc/resolv.conf"; : >"$rootfs/etc/hostname"
  rm -rf "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
  tar -C "$rootfs" --numeric-owner -cf - . | "$DOCKER" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["bash"]' \
    -c "LABEL dockerfix.lab.recipe=$RECIPE" \
    - debian:bookworm >/dev/null
  "$DOCKER" tag debian:bookworm debian:12
  rm -rf "$rootfs"
  log "built debian:bookworm (= debian:12) in $(( $(date +%s) - started )) s"
}

build_node() {
  local started=$(date +%s)
  local ctx=$LAB_DIR/ctx-node node npmdir
  node=$(command -v node) || die "no node on the host: the node:20 stand-in copies the host's node"
  node=$(readlink -f "$node")
  npmdir=$(npm root -g 2>/dev/null)/npm
  [ -f "$npmdir/package.json" ] || die "npm not found at $npmdir"
  "$node" -e 'process.exit(process.versions.node.split(".")[0]==="20"?0:1)' \
    || log "warning: host node is $("$node" -v), not 20.x; tagging it node:20 anyway"
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp "$node" "$ctx/node"
  cp -a "$npmdir" "$ctx/npm"
  cp -L /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
  cp "$HERE/images/node.Dockerfile" "$ctx/Dockerfile"
  "$DOCKER" build -q --network=host --build-arg NODE_VERSION="$("$node" -v | tr -d v)" \
    --label dockerfix.lab.recipe=$RECIPE -t node:20 "$ctx" >/dev/null
  for t in node:20-slim node:20-bookworm node:20-bookworm-slim; do "$DOCKER" tag node:20 "$t"; done
  rm -rf "$ctx"
  log "built node:20 (= node:20-slim, node:20-bookworm, node:20-bookworm-slim) with node $("$node" -v) in $(( $(date +%s) - started )) s"
}

build_python() {
  local started=$(date +%s)
  local ctx=$LAB_DIR/ctx-python
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp "$HERE/images/python.Dockerfile" "$ctx/Dockerfile"
  "$DOCKER" build -q --network=host --build-arg PYPI_PORT=$PYPI_PORT \
    --label dockerfix.lab.recipe=$RECIPE -t python:3.11-slim "$ctx" >/dev/null
  for t in python:3.11 python:3.11-slim-bookworm; do "$DOCKER" tag python:3.11-slim "$t"; done
  rm -rf "$ctx"
  log "built python:3.11-slim (= python:3.11, python:3.11-slim-bookworm) from Debian's python3 in $(( $(date +%s) - started )) s"
}

build_busybox() {
  local started=$(date +%s)
  local ctx=$LAB_DIR/ctx-busybox
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp /bin/busybox "$ctx/busybox"
  cp "$HERE/images/busybox.Dockerfile" "$ctx/Dockerfile"
  "$DOCKER" build -q --network=host --label dockerfix.lab.recipe=$RECIPE -t busybox "$ctx" >/dev/null
  "$DOCKER" tag busybox busybox:latest
  rm -rf "$ctx"
  log "built busybox from busybox-static in $(( $(date +%s) - started )) s"
}

rebuilt_debian=
if have_image debian:bookworm; then log "debian:bookworm present"; else build_debian; rebuilt_debian=1; fi
if [ -z "$rebuilt_debian" ] && have_image node:20; then log "node:20 present"; else build_node; fi
if [ -z "$rebuilt_debian" ] && have_image python:3.11-slim; then log "python:3.11-slim present"; else build_python; fi
if have_image busybox; then log "busybox present"; else build_busybox; fi

if [ "$ENGINE" != old ]; then
  # --- 4. the current engine (trixie's docker.io in a chroot) ------------------------
  . "$HERE/current-engine.sh"
  current_rootfs
  current_engine
  "$CUR_CLIENT" version --format 'current engine: client {{.Client.Version}}, server {{.Server.Version}}' >&2
  current_images "$DOCKER"
  log "current engine ready. Use: $CUR_CLIENT buildx build --network=host ... (or DOCKER_BUILDKIT=1 $CUR_CLIENT build ...)"
fi

log "ready in $(( $(date +%s) - t0 )) s. Use: DOCKER_BUILDKIT=1 $DOCKER build --network=host ..."
