#!/usr/bin/env bash
# Brings up STACK's local infrastructure: PostgreSQL, Redis, Kafka (in that order).
# Idempotent: what already runs is used as it is; a second run changes nothing.
# See infra/postgres.sh, infra/redis.sh and infra/kafka.sh for the details and env overrides
# (POSTGRES_PORT, REDIS_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, STACK_STATE_DIR).
set -euo pipefail

STACK_LOG_TAG=up
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
INFRA="$STACK_ROOT/infra"

"$INFRA/postgres.sh" up
"$INFRA/redis.sh" up
"$INFRA/kafka.sh" up

cat <<EOF2

STACK local infrastructure is up:
  PostgreSQL  ${STACK_INFRA_HOST}:${POSTGRES_PORT:-5432}  user ${POSTGRES_USER:-postgres} (no password, trust)
              databases: ${STACK_PG_DATABASES:-stack_onboarding stack_wallet stack_funding stack_investing stack_aicfo}
  Redis       ${STACK_INFRA_HOST}:${REDIS_PORT:-6379}
  Kafka       ${STACK_INFRA_HOST}:${KAFKA_PORT:-9092}  (KRaft controller ${STACK_INFRA_HOST}:${KAFKA_CONTROLLER_PORT:-9093})
  State dir   ${STACK_STATE_DIR}
Stop what these scripts started with: infra/down.sh
EOF2
