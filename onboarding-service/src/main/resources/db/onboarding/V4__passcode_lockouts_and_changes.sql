-- Passcode lockouts escalate and, after too many, last until the passcode is replaced (PasscodeLockout):
-- the lockouts in a row since the last successful verification, and whether a reset is required.
ALTER TABLE users
    ADD COLUMN passcode_lockouts       INT     NOT NULL DEFAULT 0 CHECK (passcode_lockouts >= 0),
    ADD COLUMN passcode_reset_required BOOLEAN NOT NULL DEFAULT FALSE;

-- Each setPasscode that was let through to hashing, for the per-user limit. Counted in onboarding's own
-- database, so the limit holds with Redis down and across instances; a user's rows older than the window
-- are deleted when the user sets a passcode again, so a user keeps at most the limit's count.
CREATE TABLE passcode_changes (
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_passcode_changes_user ON passcode_changes (user_id, requested_at);
