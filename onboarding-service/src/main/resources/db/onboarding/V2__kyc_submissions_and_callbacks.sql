-- KYC through the provider (issue #4): one row per submission to the provider, and an inbox of the
-- provider's callbacks so that a redelivered callback has no second effect.

-- Grows by one with every change of users.kyc_status; carried by KycStatusChanged so that consumers
-- can refuse a stale transition delivered out of order.
ALTER TABLE users ADD COLUMN kyc_version BIGINT NOT NULL DEFAULT 0;

-- The identity document number is deliberately not stored: the provider holds it, we need only the
-- applicant id to match its decision.
CREATE TABLE kyc_submissions (
    id           UUID PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    attempt      INT          NOT NULL CHECK (attempt >= 1),
    applicant_id VARCHAR(128) NOT NULL UNIQUE,
    status       VARCHAR(20)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'review', 'approved', 'rejected')),
    reasons      TEXT[]       NOT NULL DEFAULT '{}',
    submitted_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    decided_at   TIMESTAMPTZ,
    UNIQUE (user_id, attempt)
);

-- The inbox: a callback's eventId is recorded in the transaction that applies its effect.
CREATE TABLE kyc_callback_events (
    event_id     VARCHAR(128) PRIMARY KEY,
    applicant_id VARCHAR(128) NOT NULL,
    decision     VARCHAR(20)  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_kyc_callback_events_applicant ON kyc_callback_events (applicant_id);
