-- Wallets are created on KYC approval, before the custodian (Circle) has opened them: the row exists in
-- status 'creating' without address or custodian id, and a provisioner drives it to 'active'.
ALTER TABLE wallets
    ALTER COLUMN address DROP NOT NULL,
    ALTER COLUMN circle_wallet_id DROP NOT NULL,
    ADD CONSTRAINT wallets_active_has_address
        CHECK (status <> 'active' OR (address IS NOT NULL AND circle_wallet_id IS NOT NULL)),
    -- provisioning: attempts made, when the next one is due (exponential backoff), the claim of the
    -- instance working on it (a lease: another instance takes over once it lapses) and the last failure
    ADD COLUMN attempts        INT         NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN claimed_until   TIMESTAMPTZ,
    ADD COLUMN last_error      TEXT;

-- the provisioner's sweep looks only at wallets still being created
CREATE INDEX idx_wallets_creating_due ON wallets (next_attempt_at) WHERE status = 'creating';

-- The latest KYC status heard of per user (onboarding's KycStatusChanged) and its version, so that a
-- stale status delivered late changes nothing. Its own table rather than columns of known_users, so
-- that it depends on nothing else having been recorded for the user.
CREATE TABLE kyc_standings (
    user_id     UUID PRIMARY KEY,
    status      VARCHAR(32) NOT NULL,
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The Circle wallet set all user wallets are created in, by its configured name: created once (with an
-- idempotency key derived from the name) and reused afterwards.
CREATE TABLE circle_wallet_sets (
    name          VARCHAR(255) PRIMARY KEY,
    wallet_set_id VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);
