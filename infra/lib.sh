# shellcheck shell=bash
# Shared helpers for the STACK local infrastructure scripts (infra/*.sh).
# Source it; do not execute it. Every script using it runs with `set -euo pipefail`.
#
# Exposes:
#   STACK_ROOT        repository root (derived from this file's location)
#   STACK_STATE_DIR   runtime state (pid files, logs, data); default <repo>/.run
#   STACK_INFRA_HOST  address every service is bound to / probed on (127.0.0.1)

if [[ -n "${_STACK_INFRA_LIB_LOADED:-}" ]]; then
  return 0
fi
_STACK_INFRA_LIB_LOADED=1

STACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STACK_STATE_DIR="${STACK_STATE_DIR:-$STACK_ROOT/.run}"
# shellcheck disable=SC2034 # used by the scripts sourcing this file
STACK_INFRA_HOST=127.0.0.1
export STACK_ROOT STACK_STATE_DIR

# Component name used as the log prefix; each script sets its own.
STACK_LOG_TAG="${STACK_LOG_TAG:-infra}"

# ---------------------------------------------------------------- logging

log()  { printf '[%s] %s\n' "$STACK_LOG_TAG" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$STACK_LOG_TAG" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$STACK_LOG_TAG" "$*" >&2; exit 1; }

# Prints the last N (default 40) lines of a file to stderr, framed, if it exists.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -r "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '----- end of %s -----\n' "$file" >&2
  else
    printf '(no log file at %s)\n' "$file" >&2
  fi
}

have() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- privileges

# Runs a command as root: directly when we are root, through sudo otherwise.
# fd 9 (the with_lock lock) is closed so daemons started this way do not hold the lock.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@" 9>&-
  elif have sudo; then
    sudo "$@" 9>&-
  else
    die "need root to run '$*' but not root and sudo is not installed"
  fi
}

# apt_install PKG...: non-interactive Debian/Ubuntu package install (apt-get update first).
apt_install() {
  have apt-get || die "apt-get not found: install $* yourself (this script supports Debian/Ubuntu)"
  log "installing $* via apt-get (this may take a minute)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" \
    || die "apt-get install $* failed"
}

# ---------------------------------------------------------------- network

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  # shellcheck disable=SC2016 # $1/$2 belong to the inner shell
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

# wait_until TIMEOUT_SECONDS CMD...: polls CMD every second until it succeeds.
# Returns 1 on timeout.
wait_until() {
  local timeout="$1"; shift
  local deadline=$((SECONDS + timeout))
  while true; do
    if "$@"; then return 0; fi
    if (( SECONDS >= deadline )); then return 1; fi
    sleep 1
  done
}

# wait_port HOST PORT TIMEOUT_SECONDS
wait_port() { wait_until "$3" port_open "$1" "$2"; }

# ---------------------------------------------------------------- processes and state

# state_dir NAME: creates (if needed) and prints $STACK_STATE_DIR/NAME.
state_dir() {
  local dir="$STACK_STATE_DIR/$1"
  mkdir -p "$dir" || die "cannot create state dir $dir"
  printf '%s\n' "$dir"
}

# pid_alive PIDFILE [CMDLINE_SUBSTRING]: true when the pid in PIDFILE is a live
# process (whose command line contains the substring, to survive pid reuse).
pid_alive() {
  local pidfile="$1" pattern="${2:-}" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' < "$pidfile")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$pattern" && -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$pattern" || return 1
  fi
  return 0
}

read_pid() { tr -dc '0-9' < "$1"; }

# stop_pid PID TIMEOUT_SECONDS: SIGTERM, wait, then SIGKILL as a last resort.
stop_pid() {
  local pid="$1" timeout="$2"
  kill -TERM "$pid" 2>/dev/null || return 0
  if wait_until "$timeout" _pid_gone "$pid"; then return 0; fi
  warn "process $pid did not exit within ${timeout}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  wait_until 10 _pid_gone "$pid" || die "process $pid is still alive after SIGKILL"
}
_pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# with_lock NAME: serialises concurrent runs of the same script (released on exit).
# The lock is fd 9: anything long-lived started afterwards must get `9>&-` (as_root,
# as_user and the daemon launches do) or it would hold the lock for its whole life.
with_lock() {
  local lockfile
  lockfile="$(state_dir locks)/$1.lock"
  if have flock; then
    exec 9>"$lockfile"
    flock -w 600 9 || die "timed out waiting for lock $lockfile (another infra script running?)"
  fi
}

# write_if_changed FILE: writes stdin to FILE only when the content differs
# (keeps re-runs free of side effects). Returns 0 if written, 1 if unchanged.
write_if_changed() {
  local file="$1" tmp
  tmp="$(mktemp "${file}.XXXXXX")"
  cat > "$tmp"
  if [[ -f "$file" ]] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
    return 1
  fi
  mv -f "$tmp" "$file"
  return 0
}
