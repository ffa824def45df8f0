-- The deposit saga's broker step: the USD paid out by the ramp is credited to the user's brokerage account.

-- The broker's id of the deposit's funding (DriveWealth's deposit id, Alpaca's journal id). Unique: a
-- broker event finds its deposit by it. Recorded when the broker accepts the request; the status stays
-- off_ramp_complete until the broker reports the funding (then broker_funded) or its failure (failed).
ALTER TABLE deposits ADD COLUMN broker_transfer_id VARCHAR(255) UNIQUE;
ALTER TABLE deposits ADD COLUMN broker_funding_requested_at TIMESTAMPTZ;

-- Each user's account at the broker, opened on the user's first deposit (idempotently: the request carries
-- a key derived from the user) and kept. One per user and broker: a deployment that changes brokers opens
-- new ones.
CREATE TABLE broker_accounts (
    user_id    UUID         NOT NULL,
    broker     VARCHAR(32)  NOT NULL,  -- 'drivewealth', 'alpaca'
    account_id VARCHAR(255) NOT NULL,  -- the broker's account id (DriveWealth accountID, Alpaca account id)
    account_no VARCHAR(64)  NOT NULL,  -- the number funding requests name (DriveWealth accountNo, Alpaca account id)
    created_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, broker)
);

-- A per-user version of the balance: bumped in every transaction that posts to one of the user's accounts,
-- so BuyingPowerChanged carries an order consumers can drop stale events by. The row is locked by the
-- bump until commit, so a user's postings are serialized (the withdrawal hold relies on that too).
CREATE TABLE balance_versions (
    user_id UUID   PRIMARY KEY,
    version BIGINT NOT NULL
);

-- Where a partner's event stream was last read to (Alpaca's journal status events: the last event_id
-- stored in the inbox), so a reconnect resumes with since_id and misses nothing.
CREATE TABLE partner_stream_positions (
    partner       VARCHAR(32)  NOT NULL,
    stream        VARCHAR(64)  NOT NULL,
    last_event_id VARCHAR(255) NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (partner, stream)
);
