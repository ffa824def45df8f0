-- How far a sweep over a partner's own records has read (InboundTransferSweep: Circle's inbound transactions,
-- by their createDate). One row per sweep; it only moves forward, and never past a transaction that was not
-- final yet when it was read, so that transaction is read again until it is.
CREATE TABLE partner_sweep_watermarks (
    name       VARCHAR(64) PRIMARY KEY,
    watermark  TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
