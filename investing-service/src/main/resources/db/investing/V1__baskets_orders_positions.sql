-- Tables owned by investing (seed architecture, sections 4.5-4.7 and 8). Users live in onboarding's
-- database, so user_id carries no foreign key here. Enumerations are text with CHECK constraints
-- in the seed's lower-case spelling instead of PostgreSQL ENUM types: R2DBC binds them as strings.

CREATE TABLE baskets (
    id               UUID PRIMARY KEY,
    name             VARCHAR(255) NOT NULL,
    description      TEXT,
    -- NOT NULL (nullable in the seed): the API promises every basket a risk level
    risk_level       VARCHAR(16)  NOT NULL
        CHECK (risk_level IN ('conservative', 'balanced', 'growth')),
    -- [{"symbol": "VTI", "weight": "0.60"}, ...]; weights are JSON strings so they stay exact decimals
    composition_json JSONB        NOT NULL CHECK (jsonb_typeof(composition_json) = 'array'),
    is_active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE orders (
    id                    UUID PRIMARY KEY,
    user_id               UUID          NOT NULL,
    basket_id             UUID REFERENCES baskets (id),
    asset_type            VARCHAR(16)   NOT NULL
        CHECK (asset_type IN ('basket', 'option', 'stock', 'etf')),
    -- the instrument of a single-stock, ETF or option order (null for a basket order)
    symbol                VARCHAR(32),
    option_details_json   JSONB,
    side                  VARCHAR(8)    NOT NULL CHECK (side IN ('buy', 'sell')),
    amount_usd            NUMERIC(18, 2) NOT NULL CHECK (amount_usd > 0),
    status                VARCHAR(32)   NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted_by_broker', 'partially_filled', 'filled', 'failed', 'canceled')),
    -- drivewealth_order_ref in the seed: the brokerage is DriveWealth or Alpaca, chosen in configuration
    broker_order_ref      VARCHAR(255) UNIQUE,
    failure_reason        TEXT,
    -- the client's key for placeOrder: a retried request finds the order it already created
    idempotency_key       VARCHAR(128)  NOT NULL,
    created_at            TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at            TIMESTAMPTZ   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (user_id, idempotency_key),
    CHECK (asset_type <> 'basket' OR basket_id IS NOT NULL),
    CHECK (asset_type NOT IN ('stock', 'etf') OR symbol IS NOT NULL)
);
-- keyset pagination of a user's orders, newest first
CREATE INDEX idx_orders_user_created ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX idx_orders_status ON orders (status);

-- The brokerage's view of the user's holdings, refreshed from the broker; not the system of record.
CREATE TABLE positions_cache (
    user_id         UUID           NOT NULL,
    symbol          VARCHAR(100)   NOT NULL,
    quantity        NUMERIC(36, 18) NOT NULL,
    -- NOT NULL (nullable in the seed): the portfolio reports both for every position
    average_price   NUMERIC(18, 6) NOT NULL,
    market_value    NUMERIC(18, 2) NOT NULL,
    asset_type      VARCHAR(16)    NOT NULL CHECK (asset_type IN ('stock', 'etf', 'option')),
    last_updated_at TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (user_id, symbol, asset_type)
);

-- The brokerage account's cash snapshot (cash and the day's change), refreshed from the broker.
CREATE TABLE account_cash (
    user_id        UUID PRIMARY KEY,
    cash_usd       NUMERIC(18, 2) NOT NULL,
    day_change_usd NUMERIC(18, 2) NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_baskets_updated_at BEFORE UPDATE ON baskets
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_orders_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_account_cash_updated_at BEFORE UPDATE ON account_cash
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
