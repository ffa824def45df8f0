#!/usr/bin/env bash
# Local Redis for STACK development.
#
#   infra/redis.sh up       use a Redis already answering on 127.0.0.1:$REDIS_PORT; otherwise install
#                           redis-server (apt) if missing and start one (daemonized, no persistence)
#   infra/redis.sh down     stop the Redis this script started; a Redis that was already running
#                           (system service, someone else's) is never touched
#   infra/redis.sh status   exit 0 if Redis answers PING, 3 if not
#
# Environment: REDIS_PORT=6379, REDIS_START_TIMEOUT=30 (s),
#   STACK_STATE_DIR (default <repo>/.run): $STACK_STATE_DIR/redis/ holds the pid file, log
#   and the "started by STACK" marker of a Redis we started.
set -euo pipefail

STACK_LOG_TAG=redis
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REDIS_HOST="$STACK_INFRA_HOST"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_START_TIMEOUT="${REDIS_START_TIMEOUT:-30}"
REDIS_DIR="$STACK_STATE_DIR/redis"
REDIS_PID="$REDIS_DIR/redis-$REDIS_PORT.pid"
REDIS_LOG="$REDIS_DIR/redis-$REDIS_PORT.log"
# Present while a Redis started by this script runs on REDIS_PORT; down.sh stops only those.
REDIS_STARTED_MARK="$REDIS_DIR/started-by-stack-$REDIS_PORT"

# True when Redis answers PING with PONG (redis-cli if installed, else raw RESP over /dev/tcp).
redis_ping() {
  if have redis-cli; then
    [[ "$(timeout 3 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
  else
    # shellcheck disable=SC2016 # $1/$2/$line belong to the inner shell
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "PING\r\n" >&3
      IFS= read -r line <&3 || exit 1
      [[ "$line" == "+PONG"* ]]' _ "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null
  fi
}

ours_running() { pid_alive "$REDIS_PID" redis-server; }

cmd_up() {
  with_lock "redis-$REDIS_PORT"
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then
    if ! wait_until "$REDIS_START_TIMEOUT" redis_ping; then
      die "something listens on $REDIS_HOST:$REDIS_PORT but does not answer PING with PONG (password set? not Redis?); free the port or set REDIS_PORT"
    fi
    if ours_running; then
      log "already running on $REDIS_HOST:$REDIS_PORT (pid $(read_pid "$REDIS_PID"), started by STACK)"
    else
      log "already running on $REDIS_HOST:$REDIS_PORT (not started by STACK): using it"
    fi
    return 0
  fi

  if ! have redis-server; then
    apt_install redis-server
    # Debian's package may have started its own service on the default port; if it now
    # answers on ours, it is a system service: use it and leave it to the system.
    if port_open "$REDIS_HOST" "$REDIS_PORT" && wait_until "$REDIS_START_TIMEOUT" redis_ping; then
      log "redis-server installed; its system service answers on $REDIS_HOST:$REDIS_PORT: using it"
      return 0
    fi
  fi

  mkdir -p "$REDIS_DIR"
  rm -f "$REDIS_PID" "$REDIS_STARTED_MARK"
  [[ -f "$REDIS_LOG" ]] && mv -f "$REDIS_LOG" "$REDIS_LOG.1"
  log "starting redis-server on $REDIS_HOST:$REDIS_PORT (no persistence), log: $REDIS_LOG"
  # '-::1': bind IPv6 loopback too, but do not fail where IPv6 is disabled.
  if ! redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
        --save "" --appendonly no --dir "$REDIS_DIR" \
        --logfile "$REDIS_LOG" --pidfile "$REDIS_PID" 9>&-; then
    show_log_tail "$REDIS_LOG"
    die "redis-server failed to start"
  fi
  if ! wait_until "$REDIS_START_TIMEOUT" redis_ping; then
    show_log_tail "$REDIS_LOG"
    die "redis-server did not answer PING on $REDIS_HOST:$REDIS_PORT within ${REDIS_START_TIMEOUT}s"
  fi
  wait_until 5 test -s "$REDIS_PID" || warn "redis-server did not write $REDIS_PID"
  printf '%s\n' "$REDIS_PORT" > "$REDIS_STARTED_MARK"
  log "ready on $REDIS_HOST:$REDIS_PORT (pid $(read_pid "$REDIS_PID" 2>/dev/null || echo '?'))"
}

cmd_down() {
  with_lock "redis-$REDIS_PORT"
  if [[ -f "$REDIS_STARTED_MARK" ]] && ours_running; then
    local pid; pid="$(read_pid "$REDIS_PID")"
    log "stopping redis-server started by STACK (pid $pid)"
    if have redis-cli; then
      timeout 10 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    fi
    stop_pid "$pid" 30
    rm -f "$REDIS_STARTED_MARK" "$REDIS_PID"
    log "stopped"
  else
    rm -f "$REDIS_STARTED_MARK"
    if port_open "$REDIS_HOST" "$REDIS_PORT"; then
      log "not started by STACK; leaving the Redis on $REDIS_HOST:$REDIS_PORT running"
    else
      log "not running"
    fi
  fi
}

cmd_status() {
  if redis_ping; then
    if ours_running; then
      log "running on $REDIS_HOST:$REDIS_PORT (pid $(read_pid "$REDIS_PID"), started by STACK)"
    else
      log "running on $REDIS_HOST:$REDIS_PORT (not started by STACK)"
    fi
    return 0
  fi
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then
    log "something listens on $REDIS_HOST:$REDIS_PORT but does not answer PING"
  else
    log "not running on $REDIS_HOST:$REDIS_PORT"
  fi
  return 3
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) printf 'usage: %s up|down|status\n' "$0" >&2; exit 2 ;;
esac
