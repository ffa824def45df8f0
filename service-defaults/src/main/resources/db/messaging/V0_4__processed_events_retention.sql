-- processed_events rows older than stack.messaging.consumer.dedupe-retention are deleted in bounded batches
-- (ProcessedEventsRetention); this index finds them without reading the whole table.
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
