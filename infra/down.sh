#!/usr/bin/env bash
# Stops what infra/up.sh started: always Kafka (if our broker runs); Redis and PostgreSQL only
# if our scripts started them (recorded in the state dir). Services that were already running
# before up.sh (system services, someone else's) are never stopped.
set -euo pipefail

STACK_LOG_TAG=down
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$STACK_ROOT/infra"

status=0
"$INFRA/kafka.sh" down || status=1
"$INFRA/redis.sh" down || status=1
"$INFRA/postgres.sh" down || status=1
if (( status != 0 )); then
  die "some services could not be stopped (see above)"
fi
log "done"
