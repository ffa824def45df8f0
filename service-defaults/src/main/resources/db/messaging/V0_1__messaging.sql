-- Messaging tables shared by every service (service-defaults). Versioned 0.x so that they sort
-- before, and never clash with, a service's own V1, V2, ... migrations.

-- Transactional outbox: a row is written in the same transaction as the state change it announces
-- and relayed to Kafka afterwards. id orders the rows of one partition key.
CREATE TABLE outbox_events (
    id             BIGSERIAL PRIMARY KEY,
    event_id       UUID         NOT NULL UNIQUE,
    event_type     VARCHAR(255) NOT NULL,
    topic          VARCHAR(255) NOT NULL,
    partition_key  VARCHAR(255) NOT NULL,
    headers        TEXT         NOT NULL, -- JSON object: CloudEvents attributes and traceparent
    payload        TEXT         NOT NULL, -- the JSON data
    state          VARCHAR(16)  NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'in_flight', 'published', 'failed')),
    send_count     INT          NOT NULL DEFAULT 0,
    claimed_until  TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_error     TEXT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    published_at   TIMESTAMPTZ
);
CREATE INDEX outbox_events_unpublished ON outbox_events (id) WHERE state <> 'published';
CREATE INDEX outbox_events_unpublished_by_key ON outbox_events (partition_key, id) WHERE state <> 'published';

-- Idempotent consumers: one row per (consumer, event), written in the handler's transaction.
CREATE TABLE processed_events (
    consumer     VARCHAR(255) NOT NULL,
    event_id     UUID         NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (consumer, event_id)
);
