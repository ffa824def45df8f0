-- Feature flags (issue #21): onboarding is their store; every change re-writes the whole set to Redis, where
-- every service reads it (service defaults' FeatureFlags). A flag is on for a user when enabled AND (the user is
-- in allow_list OR ((countries is empty OR the user's country is in it) AND bucket(flag, user) < percentage)).
CREATE TABLE feature_flags (
    name        TEXT        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9.-]{1,63}$'),
    description TEXT        NOT NULL DEFAULT '',
    enabled     BOOLEAN     NOT NULL,
    percentage  INT         NOT NULL CHECK (percentage BETWEEN 0 AND 100),
    -- user ids the flag is on for whatever their bucket or country (at most 10,000, checked by the API)
    allow_list  UUID[]      NOT NULL DEFAULT '{}',
    -- ISO 3166-1 alpha-2 codes; empty: every country
    countries   TEXT[]      NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the row's revision: 1 when created, plus one per change
    version     BIGINT      NOT NULL DEFAULT 1
);
