-- The withdrawal saga after the broker: the on-ramp (USD -> USDC into the user's custody wallet), the
-- on-chain transfer from that wallet to the user's address, and the compensations once money moved.

-- the on-ramp partner's transfer and the custody wallet's outbound transaction are found by their ids
-- when the partners report on them (circle_on_ramp_ref holds Due's transfer id too: the column predates Due)
CREATE UNIQUE INDEX withdrawals_on_ramp_ref ON withdrawals (circle_on_ramp_ref) WHERE circle_on_ramp_ref IS NOT NULL;
CREATE UNIQUE INDEX withdrawals_transfer_ref ON withdrawals (circle_transfer_ref) WHERE circle_transfer_ref IS NOT NULL;

-- an on-chain transfer that failed is sent again, up to a limit, each attempt under a key of its own
ALTER TABLE withdrawals ADD COLUMN transfer_attempt INT NOT NULL DEFAULT 1;

-- what undoes a failure after money moved, and how far it got:
--   broker_refund:  the on-ramp failed after the broker paid out; the USD goes back to the user's brokerage
--                   account (broker_refund_ref: the broker's transfer), then the hold is released
--   parked:         the on-chain transfer failed for good; the USDC stays in the custody wallet, owed to the
--                   user in the ledger's withdrawal_review account, for an operator
ALTER TABLE withdrawals ADD COLUMN compensation VARCHAR(16)
    CHECK (compensation IN ('broker_refund', 'parked'));
ALTER TABLE withdrawals ADD COLUMN compensation_done BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE withdrawals ADD COLUMN broker_refund_ref VARCHAR(255);
CREATE UNIQUE INDEX withdrawals_broker_refund_ref ON withdrawals (broker_refund_ref) WHERE broker_refund_ref IS NOT NULL;
-- the reconciler looks for failed withdrawals whose compensation has not finished
CREATE INDEX idx_withdrawals_compensation_open ON withdrawals (updated_at) WHERE compensation IS NOT NULL AND NOT compensation_done;

-- the custodian's (Circle's) id of a custody wallet, which a withdrawal's transfer is sent from
-- (WalletCreated carries it; null for wallets announced before it did)
ALTER TABLE known_wallets ADD COLUMN custodian_wallet_id VARCHAR(64);
CREATE INDEX idx_known_wallets_user_chain ON known_wallets (user_id, chain, created_at);
