#!/usr/bin/env bash
# Stop the dockerd that scripts/lab/setup.sh started (and only that one: an
# engine that was already running when setup ran is left alone).
#   --engine old|current|both   which engine to stop (default both)
#   --purge   also delete the state of the engines stopped (both: the whole lab state dir;
#             current: $DOCKERFIX_LAB_DIR/current; old: its data/ and logs, not current/)
set -euo pipefail
LAB_DIR=${DOCKERFIX_LAB_DIR:-/tmp/dockerfix-lab}
PIDFILE=$LAB_DIR/dockerd.pid
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ENGINE=both PURGE=
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) ENGINE=${2:-}; shift 2 || true ;;
    --engine=*) ENGINE=${1#--engine=}; shift ;;
    --purge) PURGE=1; shift ;;
    *) echo "[lab] ERROR: unknown argument $1 (usage: teardown.sh [--engine old|current|both] [--purge])" >&2; exit 2 ;;
  esac
done
case "$ENGINE" in old|current|both) ;; *) echo "[lab] ERROR: --engine must be old, current or both, not '$ENGINE'" >&2; exit 2 ;; esac
log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }
if [ "$ENGINE" != old ]; then
  . "$HERE/current-engine.sh"
  current_stop
  if [ -n "$PURGE" ] && [ "$ENGINE" = current ]; then echo "[lab] removing $CUR_DIR" >&2; rm -rf "$CUR_DIR"; fi
fi
[ "$ENGINE" = current ] && exit 0
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
if [ -n "$PURGE" ]; then
  if [ "$ENGINE" = both ]; then
    echo "[lab] removing $LAB_DIR" >&2
    rm -rf "$LAB_DIR"
  else
    echo "[lab] removing the old engine's state in $LAB_DIR (data/, logs, cache/; current/ stays)" >&2
    rm -rf "$LAB_DIR/data" "$LAB_DIR/cache" "$LAB_DIR"/*.log
  fi
fi
