#!/usr/bin/env bash
# Stop the dockerd that scripts/lab/setup.sh started (and only that one: an
# engine that was already running when setup ran is left alone).
#   --purge   also delete the lab state dir (engine data, images, build cache)
set -euo pipefail
LAB_DIR=${DOCKERFIX_LAB_DIR:-/tmp/dockerfix-lab}
PIDFILE=$LAB_DIR/dockerd.pid
if [ -f "$PIDFILE" ]; then
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null && grep -qa dockerd "/proc/$pid/cmdline"; then
    echo "[lab] stopping dockerd (pid $pid)" >&2
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then echo "[lab] dockerd did not stop in 30 s; sending KILL" >&2; kill -KILL "$pid"; fi
  else
    echo "[lab] dockerd pid $pid from $PIDFILE is not running" >&2
  fi
  rm -f "$PIDFILE"
else
  echo "[lab] no pid file ($PIDFILE): setup.sh did not start an engine; nothing to stop" >&2
fi
if [ "${1:-}" = --purge ]; then
  echo "[lab] removing $LAB_DIR" >&2
  rm -rf "$LAB_DIR"
fi
