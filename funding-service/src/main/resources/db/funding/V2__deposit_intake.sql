-- The first step of the deposit saga: Circle's signed notifications land in an inbox, inbound
-- transfers to a known wallet address become deposits, and a confirmed deposit is posted to the ledger.

-- Wallet address book, from the wallet service's WalletCreated events: which user an on-chain
-- address belongs to. Ethereum addresses are stored in lower case (EIP-55 mixed case is only a
-- checksum); Solana addresses (base58) are case-sensitive and stored as given.
CREATE TABLE known_wallets (
    wallet_id   UUID PRIMARY KEY,  -- the wallet service's wallets.id
    user_id     UUID         NOT NULL,
    chain       VARCHAR(16)  NOT NULL CHECK (chain IN ('ethereum', 'solana')),
    address     VARCHAR(255) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,  -- when the wallet service created the wallet
    recorded_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- an address belongs to one wallet, so to one user
    UNIQUE (address, chain)
);

-- Partner notifications as received (webhooks), stored once per partner event id before anything
-- is done with them: the endpoint acknowledges after the insert, and a processor applies rows
-- afterwards (woken after each insert, and by a sweep that finds rows a crash left behind).
-- A row is done when processed_at is set; outcome says how it ended:
--   applied  its effect was made (or it was a repeat of one already made)
--   ignored  nothing to do for this service (an address that is not a user's, an unhandled type)
--   failed   refused for good, with the reason in outcome_detail (an amount with too many decimals)
-- Transient failures (the database, a conflicting concurrent update) are retried with backoff:
-- attempts counts the claims, last_error keeps the latest failure, next_attempt_at the backoff.
CREATE TABLE partner_inbox (
    id              BIGSERIAL PRIMARY KEY,
    partner         VARCHAR(32)  NOT NULL,   -- 'circle'
    event_id        VARCHAR(255) NOT NULL,   -- the partner's id of the notification (Circle: notificationId)
    type            VARCHAR(128) NOT NULL,   -- the partner's type (Circle: notificationType)
    -- the body exactly as received and verified (text, not jsonb: jsonb would not keep the signed bytes)
    payload         TEXT         NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    processed_at    TIMESTAMPTZ,
    outcome         VARCHAR(16) CHECK (outcome IN ('applied', 'ignored', 'failed')),
    outcome_detail  TEXT,
    attempts        INT          NOT NULL DEFAULT 0,
    claimed_until   TIMESTAMPTZ,             -- a processor's lease on the row
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_error      TEXT,
    CHECK ((processed_at IS NULL) = (outcome IS NULL)),
    -- a partner's retries of one notification are stored once
    UNIQUE (partner, event_id)
);
CREATE INDEX partner_inbox_unprocessed ON partner_inbox (next_attempt_at, id) WHERE processed_at IS NULL;

-- The saga state is the deposit row: its status, and a version for optimistic locking that grows by
-- one per status change (DepositStatusChanged carries it, so consumers can drop stale events).
ALTER TABLE deposits ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- the partner's id of the on-chain transfer (Circle's transaction id), for reconciliation
ALTER TABLE deposits ADD COLUMN partner_transfer_id VARCHAR(255);

-- One clearing account per partner: a partner_clearing account names its partner, so that each
-- partner's side of the ledger can be reconciled with that partner's own balances. (Accounts
-- without a partner keep working: the key treats NULL as one value.)
ALTER TABLE ledger_accounts ADD COLUMN partner VARCHAR(32);
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_partner_only_for_clearing
    CHECK (partner IS NULL OR kind = 'partner_clearing');
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_user_id_kind_currency_key;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_user_kind_currency_partner_key
    UNIQUE NULLS NOT DISTINCT (user_id, kind, currency, partner);
