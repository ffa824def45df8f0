-- Tables owned by onboarding (seed architecture, section 8). Status columns are text with CHECK
-- constraints instead of PostgreSQL ENUM types: R2DBC binds them as plain strings.

CREATE TABLE users (
    id               UUID PRIMARY KEY,
    auth_provider_id VARCHAR(255) UNIQUE NOT NULL,
    email            VARCHAR(255) UNIQUE,
    phone_number     VARCHAR(50) UNIQUE,
    kyc_status       VARCHAR(20) NOT NULL DEFAULT 'not_started'
        CHECK (kyc_status IN ('not_started', 'pending', 'approved', 'rejected')),
    passcode_hash    VARCHAR(255),
    passcode_failed_attempts INT NOT NULL DEFAULT 0,
    passcode_locked_until    TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE notifications (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       VARCHAR(64)  NOT NULL,
    title      VARCHAR(255) NOT NULL,
    body       TEXT         NOT NULL,
    read       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_notifications_user ON notifications (user_id, created_at DESC);

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
