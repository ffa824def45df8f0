-- Push notifications: the devices users registered, one push delivery per recorded notification
-- (written in the transaction that records the notification, sent after the commit), and the outcome
-- of each delivery per device, for operators and for sending each device a push at most once.

-- A device token belongs to one user: registering it again for another user moves it (the device
-- changed hands or accounts). The token is FCM's registration token (for iOS devices too).
CREATE TABLE device_tokens (
    token         VARCHAR(512) PRIMARY KEY,
    user_id       UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform      VARCHAR(10) NOT NULL CHECK (platform IN ('ios', 'android')),
    registered_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_device_tokens_user ON device_tokens (user_id);

-- pending until every device of the user (at send time) was reached or found dead: done; failed
-- after the last attempt. Claimed with a lease, as the outbox relay and the wallet provisioner do.
CREATE TABLE push_deliveries (
    notification_id UUID        PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
    user_id         UUID        NOT NULL,
    status          VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    claimed_until   TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    completed_at    TIMESTAMPTZ
);
CREATE INDEX idx_push_deliveries_due ON push_deliveries (next_attempt_at) WHERE status = 'pending';

-- One row per delivery and device: sent (with FCM's message name), unregistered (the token was dead
-- and is removed) or failed (with the reason; retried with the delivery). The token is no foreign
-- key: the record outlives a removed token.
CREATE TABLE push_sends (
    notification_id UUID         NOT NULL REFERENCES push_deliveries (notification_id) ON DELETE CASCADE,
    token           VARCHAR(512) NOT NULL,
    channel         VARCHAR(10)  NOT NULL CHECK (channel IN ('fcm', 'local')),
    status          VARCHAR(12)  NOT NULL CHECK (status IN ('sent', 'unregistered', 'failed')),
    message_name    VARCHAR(255),
    reason          TEXT,
    attempts        INT          NOT NULL DEFAULT 1,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (notification_id, token)
);
