-- Users the wallet service has heard of (from onboarding's UserRegistered), so that wallet creation
-- can be driven by the event instead of a call to onboarding.
CREATE TABLE known_users (
    user_id       UUID PRIMARY KEY,
    email         VARCHAR(255),
    registered_at TIMESTAMPTZ NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
