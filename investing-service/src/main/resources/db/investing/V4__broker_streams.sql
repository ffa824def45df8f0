-- Where a broker's event stream was read to (Alpaca's trade events: the event_id of the last event applied), so a
-- reconnect or a restart resumes with since_id and re-delivers at most the events applied but not yet recorded
-- here, which apply again harmlessly (execution reports are cumulative and idempotent).
CREATE TABLE broker_stream_positions (
    partner       VARCHAR(32)  NOT NULL,
    stream        VARCHAR(64)  NOT NULL,
    last_event_id VARCHAR(255) NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (partner, stream)
);
