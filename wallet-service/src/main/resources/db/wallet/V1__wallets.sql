-- The wallets table owned by the wallet service (seed architecture, section 8). Database per
-- service: user_id is onboarding's users.id, which lives in another database, so there is no
-- foreign key. Chain and status are text with CHECK constraints instead of PostgreSQL ENUM types:
-- R2DBC binds them as plain strings.

CREATE TABLE wallets (
    id               UUID PRIMARY KEY,
    user_id          UUID         NOT NULL,
    chain            VARCHAR(16)  NOT NULL CHECK (chain IN ('ethereum', 'solana')),
    address          VARCHAR(255) NOT NULL,
    circle_wallet_id VARCHAR(255) NOT NULL,
    status           VARCHAR(16)  NOT NULL DEFAULT 'creating'
        CHECK (status IN ('creating', 'active', 'inactive')),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- one wallet per chain per user; its index also serves look-ups by user_id alone
    UNIQUE (user_id, chain)
);
-- incoming transfers are matched to a wallet by address
CREATE INDEX idx_wallets_address ON wallets (address);

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_wallets_updated_at BEFORE UPDATE ON wallets
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
