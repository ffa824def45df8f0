-- The order saga (issue 15): orders carry their reservation, their broker step and their fills; basket orders
-- have one child order per symbol; positions are built from fills (the system of record for holdings here);
-- buying_power is a read model of funding's BuyingPowerChanged (the portfolio's cash, one source: the ledger).

ALTER TABLE orders
    -- a basket order's child (one per symbol of the composition); null for a top-level order
    ADD COLUMN parent_order_id   UUID REFERENCES orders (id),
    -- a fingerprint of the request, so a repeated idempotency key with another request is refused
    ADD COLUMN request_hash      VARCHAR(64),
    -- contracts of an option order; null otherwise (equities are ordered by notional)
    ADD COLUMN quantity          NUMERIC(36, 9) CHECK (quantity > 0),
    -- an option order's limit price per share
    ADD COLUMN limit_price       NUMERIC(18, 2) CHECK (limit_price > 0),
    ADD COLUMN filled_quantity   NUMERIC(36, 9) NOT NULL DEFAULT 0 CHECK (filled_quantity >= 0),
    ADD COLUMN filled_amount_usd NUMERIC(18, 2) NOT NULL DEFAULT 0 CHECK (filled_amount_usd >= 0),
    ADD COLUMN average_price     NUMERIC(20, 6) CHECK (average_price >= 0),
    -- funding's hold of buying power: awaited, placed (or nothing to hold: a sell), or refused
    ADD COLUMN reservation       VARCHAR(16) NOT NULL DEFAULT 'awaiting'
        CHECK (reservation IN ('awaiting', 'reserved', 'refused')),
    -- the broker and the user's account there, as funding's reservation answer named them
    ADD COLUMN broker            VARCHAR(32),
    ADD COLUMN broker_account_id VARCHAR(255),
    ADD COLUMN broker_account_no VARCHAR(255),
    ADD COLUMN cancel_requested  BOOLEAN NOT NULL DEFAULT FALSE,
    -- what the broker loop has to do with this order next; claimed with a lease by pushing next_attempt_at
    ADD COLUMN next_action       VARCHAR(16) CHECK (next_action IN ('submit', 'cancel')),
    ADD COLUMN next_attempt_at   TIMESTAMPTZ,
    ADD COLUMN attempts          INT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN version           BIGINT NOT NULL DEFAULT 1,
    -- a buy never fills beyond its amount (notional, or the most an option order may pay)
    ADD CONSTRAINT orders_buy_filled_within_amount CHECK (side <> 'buy' OR filled_amount_usd <= amount_usd),
    ADD CONSTRAINT orders_next_action_has_time CHECK (next_action IS NULL OR next_attempt_at IS NOT NULL);

-- a child order has no idempotency key of its own: its parent's key made it
ALTER TABLE orders ALTER COLUMN idempotency_key DROP NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_user_id_idempotency_key_key;
ALTER TABLE orders ADD CONSTRAINT orders_key_of_top_level_only
    CHECK ((parent_order_id IS NULL) = (idempotency_key IS NOT NULL));
CREATE UNIQUE INDEX orders_user_idempotency_key ON orders (user_id, idempotency_key) WHERE parent_order_id IS NULL;
CREATE INDEX orders_children ON orders (parent_order_id) WHERE parent_order_id IS NOT NULL;
-- the broker loop's claim: due actions first
CREATE INDEX orders_next_action_due ON orders (next_attempt_at) WHERE next_action IS NOT NULL;
-- the pre-checks: a user's open orders
CREATE INDEX orders_user_open ON orders (user_id) WHERE status IN ('pending', 'accepted_by_broker', 'partially_filled');

-- the user's orders as the API lists them (a basket's children are reached through their parent)
CREATE VIEW top_level_orders AS SELECT * FROM orders WHERE parent_order_id IS NULL;

-- never written (the brokerage snapshot tables of the seed): positions come from fills, cash from funding
DROP TRIGGER IF EXISTS update_account_cash_updated_at ON account_cash;
DROP TABLE account_cash;
DROP TABLE positions_cache;

-- what the user holds, from the fills applied (cost basis at cost; realized P&L of sales)
CREATE TABLE positions (
    user_id          UUID           NOT NULL,
    symbol           VARCHAR(32)    NOT NULL,
    asset_type       VARCHAR(16)    NOT NULL CHECK (asset_type IN ('stock', 'etf', 'option')),
    quantity         NUMERIC(36, 9) NOT NULL CHECK (quantity >= 0),
    cost_basis_usd   NUMERIC(20, 6) NOT NULL CHECK (cost_basis_usd >= 0),
    realized_pnl_usd NUMERIC(20, 6) NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, symbol)
);

-- funding's BuyingPowerChanged, the latest version of each user's; also the row placeOrder locks per user
-- (created at version 0 when missing, so any event replaces it)
CREATE TABLE buying_power (
    user_id          UUID           PRIMARY KEY,
    buying_power_usd NUMERIC(24, 8) NOT NULL,
    version          BIGINT         NOT NULL,
    changed_at       TIMESTAMPTZ    NOT NULL
);
