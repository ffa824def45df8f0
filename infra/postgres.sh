#!/usr/bin/env bash
# Local PostgreSQL for STACK development.
#
#   infra/postgres.sh up             use a PostgreSQL already answering on 127.0.0.1:$POSTGRES_PORT;
#                                    otherwise install it (apt) if missing, make sure a cluster exists
#                                    on that port, start it, wait for it; then give every service
#                                    database its own role (see below)
#   infra/postgres.sh ensure-db NAME create database NAME and its role NAME if missing, and fix ownership
#   infra/postgres.sh down           stop the cluster only if this script started it
#   infra/postgres.sh status         exit 0 if PostgreSQL accepts connections, 3 if not
#
# DEV-ONLY SETUP: for a cluster this script created (or that came with a PostgreSQL package this
# script installed) it rewrites pg_hba.conf to `trust` for the local socket, 127.0.0.1 and ::1:
# any local user can connect as any role without a password. Never do this on a shared or
# production machine. A cluster that already existed is started as it is, never reconfigured.
#
# Each service database NAME (stack_onboarding, ...) gets a role of the same name, which the service
# connects as: LOGIN, NOSUPERUSER, NOCREATEDB, NOCREATEROLE, owner of its database and of everything in
# it (databases and objects that earlier runs created as the admin role are handed over, idempotently),
# and the only non-superuser that may connect to it (CONNECT and TEMPORARY are revoked from PUBLIC).
# Locally the roles have no password (trust auth); STACK_DB_PASSWORD, if set, becomes their password.
#
# Environment:
#   POSTGRES_PORT=5432  POSTGRES_USER=postgres: the admin role these scripts use (PGPASSWORD is honoured
#     if your server needs one); the services never connect as it
#   STACK_DB_PASSWORD: password of the service roles (default: none)
#   POSTGRES_CLUSTER: name for a cluster we create (default: main, or stack<port> if main exists)
#   STACK_PG_DATABASES: databases `up` creates (default: the five service databases)
#   POSTGRES_START_TIMEOUT=60 (s)
#   STACK_STATE_DIR (default <repo>/.run): $STACK_STATE_DIR/postgres/ records what we installed,
#     created and started.
set -euo pipefail

STACK_LOG_TAG=postgres
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_HOST="$STACK_INFRA_HOST"
PG_PORT="${POSTGRES_PORT:-5432}"
PG_USER="${POSTGRES_USER:-postgres}"
PG_START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
PG_DATABASES="${STACK_PG_DATABASES:-stack_onboarding stack_wallet stack_funding stack_investing stack_aicfo}"
PG_DIR="$STACK_STATE_DIR/postgres"
# "<version> <cluster>" of a cluster this script started on PG_PORT (down stops only that).
PG_STARTED_MARK="$PG_DIR/started-by-stack-$PG_PORT"
# Lines "<version> <cluster>" of clusters this script created/owns (trust auth applied).
PG_OWNED="$PG_DIR/owned-clusters"

pg_accepting() {
  if have pg_isready; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
  else
    port_open "$PG_HOST" "$PG_PORT"
  fi
}

psql_run() {
  # -w: never prompt for a password (fail clearly instead of hanging).
  psql -X -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"
}

ensure_psql() {
  have psql || apt_install postgresql-client
}

# The Debian server binaries (any version) are installed.
server_installed() {
  have pg_lsclusters && have pg_ctlcluster && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

latest_version() {
  find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
    | awk -F/ '{print $5}' | sort -V | tail -n 1
}

# Prints "<version> <cluster>" of the first cluster configured for PG_PORT, if any.
cluster_on_port() {
  pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }'
}

cluster_exists() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$2" '$1 == v && $2 == c { f=1 } END { exit !f }'; }

is_owned() { [[ -f "$PG_OWNED" ]] && grep -qxF "$1 $2" "$PG_OWNED"; }

mark_owned() { is_owned "$1" "$2" || printf '%s %s\n' "$1" "$2" >> "$PG_OWNED"; }

pg_ctl_cluster() {
  local args=()
  # Without systemd (containers, CI) pg_ctlcluster must not redirect to systemctl.
  [[ -d /run/systemd/system ]] || args+=(--skip-systemctl-redirect)
  as_root pg_ctlcluster "${args[@]}" "$@"
}

# DEV ONLY: trust auth for local socket + loopback, for a cluster this script owns.
configure_trust() {
  local ver="$1" name="$2" hba="/etc/postgresql/$1/$2/pg_hba.conf"
  [[ -f "$hba" ]] || as_root test -f "$hba" || die "pg_hba.conf not found at $hba"
  local content
  content="$(cat <<'EOF'
# Written by STACK infra/postgres.sh: LOCAL DEVELOPMENT ONLY.
# Every local OS user may connect as any role without a password.
# The file this replaced is kept as pg_hba.conf.stack-orig.
# TYPE  DATABASE     USER  ADDRESS        METHOD
local   all          all                  trust
host    all          all   127.0.0.1/32   trust
host    all          all   ::1/128        trust
local   replication  all                  trust
host    replication  all   127.0.0.1/32   trust
host    replication  all   ::1/128        trust
EOF
)"
  if [[ "$(as_root cat "$hba")" == "$content" ]]; then
    return 1
  fi
  log "dev-only: setting trust auth (local socket, 127.0.0.1, ::1) in $hba"
  as_root test -e "$hba.stack-orig" || as_root cp -p "$hba" "$hba.stack-orig"
  printf '%s\n' "$content" | as_root tee "$hba" >/dev/null
  return 0
}

start_server() {
  if ! server_installed; then
    apt_install postgresql
    mkdir -p "$PG_DIR"
    touch "$PG_DIR/installed-by-stack"
    # The package creates cluster <ver>/main (on 5432 unless taken); it is ours to configure.
    local created; created="$(cluster_on_port || true)"
    if [[ -n "$created" ]]; then
      # shellcheck disable=SC2086
      mark_owned $created
    fi
  fi

  local vc ver name
  vc="$(cluster_on_port || true)"
  if [[ -z "$vc" ]]; then
    ver="$(latest_version)"
    [[ -n "$ver" ]] || die "no PostgreSQL server version found under /usr/lib/postgresql"
    name="${POSTGRES_CLUSTER:-}"
    if [[ -z "$name" ]]; then
      if cluster_exists "$ver" main; then name="stack$PG_PORT"; else name=main; fi
    fi
    cluster_exists "$ver" "$name" && die "cluster $ver/$name exists but not on port $PG_PORT; set POSTGRES_CLUSTER or POSTGRES_PORT"
    log "creating cluster $ver/$name on port $PG_PORT"
    as_root pg_createcluster --locale=C.UTF-8 --port="$PG_PORT" "$ver" "$name" >/dev/null \
      || die "pg_createcluster $ver $name failed"
    mark_owned "$ver" "$name"
    vc="$ver $name"
  fi
  read -r ver name <<<"$vc"

  local reconfigured=1
  if is_owned "$ver" "$name"; then
    configure_trust "$ver" "$name" && reconfigured=0
  fi

  if pg_lsclusters -h | awk -v v="$ver" -v c="$name" '$1 == v && $2 == c && $4 ~ /online/ { f=1 } END { exit !f }'; then
    # Started by the package install (or still starting): reload to apply our pg_hba.conf.
    if (( reconfigured == 0 )); then
      pg_ctl_cluster "$ver" "$name" reload
    fi
    log "cluster $ver/$name is already online"
  else
    log "starting cluster $ver/$name on port $PG_PORT"
    if ! pg_ctl_cluster "$ver" "$name" start; then
      show_log_tail "/var/log/postgresql/postgresql-$ver-$name.log"
      die "pg_ctlcluster $ver $name start failed"
    fi
    printf '%s %s\n' "$ver" "$name" > "$PG_STARTED_MARK"
  fi

  if ! wait_until "$PG_START_TIMEOUT" pg_accepting; then
    show_log_tail "/var/log/postgresql/postgresql-$ver-$name.log"
    die "PostgreSQL $ver/$name does not accept connections on $PG_HOST:$PG_PORT after ${PG_START_TIMEOUT}s"
  fi
}

ensure_db() {
  local db="$1" role="$1"
  [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "invalid database name '$db' (letters, digits, _)"
  ensure_psql
  local exists
  if ! exists="$(psql_run -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>&1)"; then
    printf '%s\n' "$exists" >&2
    die "cannot connect to PostgreSQL at $PG_HOST:$PG_PORT as '$PG_USER' (trust auth expected for local dev; or export PGPASSWORD)"
  fi
  ensure_role "$role"
  if [[ "$exists" == 1 ]]; then
    psql_run -qc "ALTER DATABASE \"$db\" OWNER TO \"$role\"" >/dev/null || die "ALTER DATABASE $db OWNER failed"
    log "database $db exists"
  else
    psql_run -qc "CREATE DATABASE \"$db\" OWNER \"$role\"" >/dev/null || die "CREATE DATABASE $db failed"
    log "database $db created"
  fi
  # only its owner (and the admin) may connect: a service's role cannot open another service's database
  psql_run -qc "REVOKE CONNECT, TEMPORARY ON DATABASE \"$db\" FROM PUBLIC" >/dev/null \
    || die "REVOKE CONNECT ON DATABASE $db failed"
  hand_over_objects "$db" "$role"
}

# The service's role: a login that owns its database and nothing else, never a superuser. Idempotent:
# an existing role is brought back to these attributes.
ensure_role() {
  local role="$1"
  psql_run -q -v role="$role" -v password="${STACK_DB_PASSWORD:-}" >/dev/null <<'SQL' || die "creating role $role failed"
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') WHERE :'password' <> '' \gexec
SQL
}

# Objects that earlier runs created as the admin role (tables, their sequences and indexes, views,
# functions, schemas) become the service role's, so its migrations can alter them. REASSIGN OWNED
# cannot do it: it refuses objects of the bootstrap superuser.
hand_over_objects() {
  local db="$1" role="$2"
  psql -X -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" -q -v role="$role" \
    >/dev/null <<'SQL' || die "handing the objects of $db over to $role failed"
SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, :'role')
  FROM pg_namespace n
 WHERE n.nspname NOT IN ('public', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
   AND pg_get_userbyid(n.nspowner) <> :'role' \gexec
SELECT format('ALTER %s %s OWNER TO %I',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              c.oid::regclass, :'role')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\_%'
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
   AND pg_get_userbyid(c.relowner) <> :'role'
   -- a table's own sequences (serial, identity) follow the table
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                          AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
 ORDER BY c.relkind = 'S' \gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'role')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\_%'
   AND pg_get_userbyid(p.proowner) <> :'role'
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                             AND d.deptype = 'e') \gexec
SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, :'role')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\_%'
   AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> :'role' \gexec
SQL
}

cmd_up() {
  with_lock "postgres-$PG_PORT"
  mkdir -p "$PG_DIR"
  if port_open "$PG_HOST" "$PG_PORT"; then
    wait_until "$PG_START_TIMEOUT" pg_accepting \
      || die "something listens on $PG_HOST:$PG_PORT but does not accept PostgreSQL connections"
    if [[ -f "$PG_STARTED_MARK" ]]; then
      log "already running on $PG_HOST:$PG_PORT (cluster $(cat "$PG_STARTED_MARK"), started by STACK)"
    else
      log "already running on $PG_HOST:$PG_PORT (not started by STACK): using it"
    fi
  else
    rm -f "$PG_STARTED_MARK"
    start_server
    log "ready on $PG_HOST:$PG_PORT"
  fi
  local db
  for db in $PG_DATABASES; do
    ensure_db "$db"
  done
}

cmd_down() {
  with_lock "postgres-$PG_PORT"
  if [[ -f "$PG_STARTED_MARK" ]]; then
    local ver name
    read -r ver name < "$PG_STARTED_MARK"
    if pg_lsclusters -h | awk -v v="$ver" -v c="$name" '$1 == v && $2 == c && $4 ~ /online/ { f=1 } END { exit !f }'; then
      log "stopping cluster $ver/$name started by STACK"
      pg_ctl_cluster "$ver" "$name" stop || die "pg_ctlcluster $ver $name stop failed"
      log "stopped"
    else
      log "cluster $ver/$name is not running"
    fi
    rm -f "$PG_STARTED_MARK"
  elif port_open "$PG_HOST" "$PG_PORT"; then
    log "not started by STACK; leaving the PostgreSQL on $PG_HOST:$PG_PORT running"
  else
    log "not running"
  fi
}

cmd_status() {
  if pg_accepting; then
    local who="not started by STACK"
    [[ -f "$PG_STARTED_MARK" ]] && who="cluster $(cat "$PG_STARTED_MARK"), started by STACK"
    log "running on $PG_HOST:$PG_PORT ($who)"
    if have psql; then
      local dbs
      dbs="$(psql_run -tAc "SELECT string_agg(datname, ' ' ORDER BY datname) FROM pg_database WHERE datname LIKE 'stack\_%'" 2>/dev/null || true)"
      log "stack databases: ${dbs:-(none or cannot connect as $PG_USER)}"
    fi
    return 0
  fi
  log "not accepting connections on $PG_HOST:$PG_PORT"
  return 3
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  ensure-db)
    [[ $# -eq 2 ]] || { printf 'usage: %s ensure-db NAME\n' "$0" >&2; exit 2; }
    ensure_db "$2" ;;
  *) printf 'usage: %s up|down|status|ensure-db NAME\n' "$0" >&2; exit 2 ;;
esac
