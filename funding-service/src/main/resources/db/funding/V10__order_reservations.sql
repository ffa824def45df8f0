-- The order saga's side in funding: buying power held for investing's orders and settled from their fills.

-- A user's pending order account: buying power held for the user's open buy orders (all of them: one account
-- per user, the holds per order are in order_reservations). Like the other user accounts it is never negative.
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check
    CHECK (kind IN ('user_buying_power', 'user_pending_deposit', 'user_pending_withdrawal', 'user_pending_order',
                    'partner_clearing', 'omnibus'));
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_check;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_user_kinds_have_user
    CHECK ((user_id IS NOT NULL) = (kind IN ('user_buying_power', 'user_pending_deposit', 'user_pending_withdrawal',
                                             'user_pending_order')));

-- Funding's answer to each OrderReservationRequested (one row per order, so a repeated request gets the same
-- answer and never holds twice), and how far the order's fills were settled in the ledger. Written under the
-- user's balance lock (balance_versions), like every posting for the user.
CREATE TABLE order_reservations (
    order_id           UUID           PRIMARY KEY,  -- investing's order id (the top-level order)
    user_id            UUID           NOT NULL,
    side               VARCHAR(4)     NOT NULL CHECK (side IN ('buy', 'sell')),
    amount_usd         NUMERIC(18, 2) NOT NULL CHECK (amount_usd > 0),
    -- buying power moved to user_pending_order for the order: its amount for a reserved buy, else 0
    held_usd           NUMERIC(18, 2) NOT NULL CHECK (held_usd >= 0),
    -- the cumulative filled notional settled so far: a sell's was credited to buying power; a buy's moved from
    -- user_pending_order to the house's 'invested' up to held_usd (a fill beyond the hold is logged and counted,
    -- never taken from buying power), so the ledger moved LEAST(settled_filled_usd, held_usd) for a buy
    settled_filled_usd NUMERIC(18, 2) NOT NULL DEFAULT 0 CHECK (settled_filled_usd >= 0),
    outcome            VARCHAR(8)     NOT NULL CHECK (outcome IN ('reserved', 'refused')),
    reason             VARCHAR(32)    CHECK (reason IN ('insufficient_buying_power', 'no_broker_account')),
    broker             VARCHAR(32)    NOT NULL,  -- the broker of the funding that answered
    broker_account_id  VARCHAR(255),
    broker_account_no  VARCHAR(64),
    -- FILLED, FAILED or CANCELED once the order ended and what was held and not filled was released
    terminal_status    VARCHAR(16)    CHECK (terminal_status IN ('filled', 'failed', 'canceled')),
    created_at         TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         TIMESTAMPTZ    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- a refusal has its reason, holds nothing and settles nothing; a reservation has no reason
    CHECK ((outcome = 'refused') = (reason IS NOT NULL)),
    CHECK (outcome = 'reserved' OR (held_usd = 0 AND settled_filled_usd = 0 AND terminal_status IS NULL)),
    -- a reserved buy holds its amount; a sell holds nothing
    CHECK (side = 'sell' OR outcome = 'refused' OR held_usd = amount_usd),
    CHECK (side = 'buy' OR held_usd = 0),
    -- a reserved order's account is known
    CHECK (outcome = 'refused' OR broker_account_id IS NOT NULL)
);
CREATE INDEX idx_order_reservations_user ON order_reservations (user_id, created_at DESC);

CREATE TRIGGER update_order_reservations_updated_at BEFORE UPDATE ON order_reservations
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
