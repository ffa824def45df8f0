-- The rows that hold back their key's later rows: in flight, or failed and waiting for their retry.
-- Every claim looks for them, first unpublished row per key; with this index it reads these rows only,
-- not the whole backlog (a claim of 500 rows behind 30,000 unpublished ones spent 12 ms scanning them).
CREATE INDEX outbox_events_held ON outbox_events (partition_key, id) WHERE state IN ('in_flight', 'failed');
-- The claim found those rows through this index before; nothing reads it now, and every append and every
-- state change had to maintain it.
DROP INDEX outbox_events_unpublished_by_key;
