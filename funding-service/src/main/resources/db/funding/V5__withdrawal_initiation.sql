-- The withdrawal saga's first step: the request is validated, the buying power checked and held in the
-- ledger, and the withdrawal recorded, all in one transaction under the user's balance lock.

-- The saga state is the withdrawal row, as for deposits: its status and a version that grows by one per
-- status change (WithdrawalStatusChanged carries it).
ALTER TABLE withdrawals ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- the per-day limit sums a user's withdrawals of the last 24 hours
CREATE INDEX idx_withdrawals_user_recent ON withdrawals (user_id, created_at) WHERE status <> 'failed';
-- a broker event finds its withdrawal by the broker's transfer id
CREATE UNIQUE INDEX withdrawals_broker_withdrawal_ref ON withdrawals (broker_withdrawal_ref) WHERE broker_withdrawal_ref IS NOT NULL;
