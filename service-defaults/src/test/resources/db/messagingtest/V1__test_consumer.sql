-- What the test consumer changes: one row per applied event, and a versioned KYC state per user.
CREATE TABLE test_effects (
    event_id UUID NOT NULL,
    user_id  UUID NOT NULL
);
CREATE TABLE test_kyc_state (
    user_id UUID PRIMARY KEY,
    status  VARCHAR(32) NOT NULL,
    version BIGINT NOT NULL
);
