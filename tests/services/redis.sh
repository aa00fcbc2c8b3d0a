#!/usr/bin/env bash
# A real Redis for the tests of the scale-out path (shared rate limits; later the task queue).
#
#   bash tests/services/redis.sh start   # prints redis://127.0.0.1:<port>/0 on stdout
#   bash tests/services/redis.sh stop    # stops it and deletes its data
#
# Installs Debian's redis-server when it is missing, and runs a private server on a free port
# of 127.0.0.1 with no persistence, so it never touches a system Redis.
set -euo pipefail
log() { echo "redis: $*" >&2; }
fail() { log "$*"; exit 1; }

STATE_DIR="${REDIS_STATE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/var/redis}"
STATE="$STATE_DIR/running"

install() {
  command -v redis-server >/dev/null && return
  [ "$(id -u)" = 0 ] || fail "redis-server is missing: run 'apt-get install redis-server' as root, then retry"
  log "not installed; installing Debian's redis-server package"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) >&2 \
    || fail "could not install redis-server; run 'apt-get install redis-server' as root, then retry"
}

answers() { redis-cli -u "$1" ping 2>/dev/null | grep -q PONG; }

start() {
  if [ -f "$STATE" ]; then
    # shellcheck disable=SC1090
    . "$STATE"
    if answers "$URL"; then echo "$URL"; return; fi
    stop >/dev/null 2>&1 || true
  fi
  install
  local run port url
  run=$(mktemp -d "${TMPDIR:-/tmp}/coworking-redis-XXXXXX")
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="redis://127.0.0.1:$port/0"
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$run" \
    --pidfile "$run/redis.pid" --logfile "$run/redis.log" --save "" --appendonly no >&2 \
    || fail "it did not start; see $run/redis.log"
  mkdir -p "$STATE_DIR"
  printf 'URL=%q\nRUN=%q\n' "$url" "$run" >"$STATE"
  for _ in $(seq 1 50); do answers "$url" && { log "ready at $url"; echo "$url"; return; }; sleep 0.1; done
  fail "no answer at $url after 5 s; see $run/redis.log"
}

stop() {
  [ -f "$STATE" ] || { log "not running"; return 0; }
  # shellcheck disable=SC1090
  . "$STATE"
  if [ -f "$RUN/redis.pid" ]; then kill "$(cat "$RUN/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$RUN" "$STATE"
  log "stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) fail "usage: $0 start|stop" ;;
esac
