-- Due virtual accounts on the Alpaca/Due withdrawal path: per user and chain, the account at Due whose bank
-- details the withdrawal's USD is paid into and which Due converts to USDC sent to the user's custody wallet on
-- that chain (a virtual account has one railOut and one destination, so a user withdrawing on both chains has
-- two). Found here first; else at Due by its unique reference; else opened. A row is written once, after Due
-- answered: a crash before it leaves no row, and the next attempt adopts Due's account by the reference.
CREATE TABLE due_virtual_accounts (
    user_id            UUID         NOT NULL,
    chain              VARCHAR(16)  NOT NULL CHECK (chain IN ('ethereum', 'solana')),
    virtual_account_id VARCHAR(128) NOT NULL UNIQUE,  -- Due's va_...
    reference          VARCHAR(255) NOT NULL UNIQUE,  -- ours, unique at Due: stack-<user id>-<chain>
    destination        VARCHAR(128) NOT NULL,         -- the custody wallet address the USDC goes to
    account_number     VARCHAR(34)  NOT NULL,         -- the bank details the USD is paid into
    routing_number     VARCHAR(16)  NOT NULL,
    bank_name          VARCHAR(255),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, chain)
);
