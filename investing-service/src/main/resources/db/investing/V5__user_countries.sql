-- Each user's country of record (issue #21), from onboarding's KycStatusChanged: the country of their approved
-- KYC application. Investing evaluates country-limited feature flags (options trading) against it; replaced only
-- by a newer KYC version, so a stale event delivered late changes nothing.
CREATE TABLE user_countries (
    user_id     UUID        PRIMARY KEY,
    country     VARCHAR(2)  NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    kyc_version BIGINT      NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
