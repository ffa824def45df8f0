-- Each claim of outbox rows carries a token of its own; the relay marks a row published or failed only while
-- the row still carries its claim's token. An instance whose lease lapsed mid-pass, and whose rows another
-- instance re-claimed, then marks nothing (a plain "WHERE id = ANY(...)" let it overwrite the other claim).
ALTER TABLE outbox_events ADD COLUMN claim_token UUID;
