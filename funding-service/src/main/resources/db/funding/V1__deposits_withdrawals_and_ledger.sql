-- Tables owned by the funding service (seed architecture, section 8), with a double-entry ledger
-- in place of the seed's balances table. Database per service: user_id is onboarding's users.id
-- and wallet_id the wallet service's wallets.id, both in other databases, so neither has a foreign
-- key. Chain and status columns are text with CHECK constraints instead of PostgreSQL ENUM types:
-- R2DBC binds them as plain strings.

CREATE TABLE deposits (
    id                    UUID PRIMARY KEY,
    user_id               UUID           NOT NULL,
    wallet_id             UUID           NOT NULL,
    chain                 VARCHAR(16)    NOT NULL CHECK (chain IN ('ethereum', 'solana')),
    tx_hash               VARCHAR(255)   NOT NULL,
    token                 VARCHAR(16)    NOT NULL DEFAULT 'USDC' CHECK (token IN ('USDC')),
    -- USDC has 6 decimals on every supported chain
    amount_stablecoin     NUMERIC(36, 6) NOT NULL CHECK (amount_stablecoin > 0),
    status                VARCHAR(32)    NOT NULL DEFAULT 'pending_confirmation'
        CHECK (status IN ('pending_confirmation', 'confirmed_on_chain', 'off_ramp_initiated',
                          'off_ramp_complete', 'broker_funded', 'failed')),
    confirmed_at          TIMESTAMPTZ,
    off_ramp_initiated_at TIMESTAMPTZ,
    off_ramp_completed_at TIMESTAMPTZ,
    broker_funded_at      TIMESTAMPTZ,
    failure_reason        TEXT,
    created_at            TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at            TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- an on-chain transfer is credited at most once
    UNIQUE (chain, tx_hash)
);
-- a user's deposits, newest first (keyset pagination on created_at, id)
CREATE INDEX idx_deposits_user_created ON deposits (user_id, created_at DESC, id DESC);
CREATE INDEX idx_deposits_status ON deposits (status);

CREATE TABLE withdrawals (
    id                    UUID PRIMARY KEY,
    user_id               UUID           NOT NULL,
    amount_usd            NUMERIC(18, 2) NOT NULL CHECK (amount_usd > 0),
    target_chain          VARCHAR(16)    NOT NULL CHECK (target_chain IN ('ethereum', 'solana')),
    target_address        VARCHAR(255)   NOT NULL,
    status                VARCHAR(32)    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'broker_withdrawal_initiated', 'broker_withdrawal_complete',
                          'on_ramp_initiated', 'on_ramp_complete', 'transfer_initiated', 'complete', 'failed')),
    broker_withdrawal_ref VARCHAR(255),
    circle_on_ramp_ref    VARCHAR(255),
    circle_transfer_ref   VARCHAR(255),
    tx_hash               VARCHAR(255),  -- the final on-chain transfer
    failure_reason        TEXT,
    -- the client's idempotency key: a retried initiateWithdrawal finds the withdrawal it created
    idempotency_key       VARCHAR(128)   NOT NULL,
    -- SHA-256 (hex) of the request, so a key reused for a different request is refused, not replayed
    request_hash          VARCHAR(64)    NOT NULL,
    created_at            TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at            TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (user_id, idempotency_key)
);
-- a user's withdrawals, newest first (keyset pagination on created_at, id)
CREATE INDEX idx_withdrawals_user_created ON withdrawals (user_id, created_at DESC, id DESC);
CREATE INDEX idx_withdrawals_status ON withdrawals (status);

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_deposits_updated_at BEFORE UPDATE ON deposits
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_withdrawals_updated_at BEFORE UPDATE ON withdrawals
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- The money ledger: double entry and append-only.
--
-- Sign convention: an account's balance is the SUM of its entries' amounts. On a user's accounts
-- (user_*) a positive amount is a credit for the user: money the user has, or has in flight. The
-- house accounts (partner_clearing, omnibus) carry the other side of every movement with the
-- opposite sign. The entries of every journal sum to zero (in each currency): money is only moved
-- between accounts, never created or lost. For example, 125.00 USD reaching the user's brokerage
-- account is one journal of two entries:
--     user_buying_power (the user's)   +125.00 USD
--     partner_clearing  (the house's)  -125.00 USD
-- A posting is never updated or deleted; a mistake is corrected by a reversing journal.

CREATE TABLE ledger_accounts (
    id       UUID PRIMARY KEY,
    user_id  UUID,  -- NULL for the house accounts
    kind     VARCHAR(32) NOT NULL
        CHECK (kind IN ('user_buying_power', 'user_pending_deposit', 'user_pending_withdrawal',
                        'partner_clearing', 'omnibus')),
    currency VARCHAR(8)  NOT NULL CHECK (currency ~ '^[A-Z]{3,8}$'),
    -- a user's accounts belong to that user; a house account belongs to no user
    CHECK ((user_id IS NOT NULL) = (kind IN ('user_buying_power', 'user_pending_deposit', 'user_pending_withdrawal'))),
    -- NULLS NOT DISTINCT: also exactly one house account per kind and currency
    UNIQUE NULLS NOT DISTINCT (user_id, kind, currency)
);

CREATE TABLE ledger_journal (
    id         UUID PRIMARY KEY,
    kind       VARCHAR(64)  NOT NULL,         -- what happened, such as 'deposit_funded'
    reference  VARCHAR(255) NOT NULL UNIQUE,  -- the business event posted: each is posted at most once
    created_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE ledger_entries (
    id         BIGSERIAL PRIMARY KEY,
    journal_id UUID           NOT NULL REFERENCES ledger_journal (id),
    account_id UUID           NOT NULL REFERENCES ledger_accounts (id),
    amount     NUMERIC(36, 6) NOT NULL CHECK (amount <> 0),
    created_at TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_ledger_entries_account ON ledger_entries (account_id, created_at);
CREATE INDEX idx_ledger_entries_journal ON ledger_entries (journal_id);

-- Checked at commit, when all of a journal's entries are in: a transaction that leaves a journal
-- unbalanced in any currency fails as a whole.
CREATE FUNCTION ledger_journal_must_balance() RETURNS TRIGGER AS $$
BEGIN
    IF EXISTS (SELECT 1
               FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
               WHERE e.journal_id = NEW.journal_id
               GROUP BY a.currency
               HAVING SUM(e.amount) <> 0) THEN
        RAISE EXCEPTION 'ledger journal % does not balance', NEW.journal_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER ledger_entries_balance AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_journal_must_balance();

CREATE FUNCTION ledger_is_append_only() RETURNS TRIGGER AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed: the ledger is append-only, post a reversing journal', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_journal_append_only BEFORE UPDATE OR DELETE ON ledger_journal
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
