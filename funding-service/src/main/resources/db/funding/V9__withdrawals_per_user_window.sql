-- Funding's own limit on how many withdrawals a user creates within a window (InitiateWithdrawal) counts every
-- withdrawal the user created lately, failed ones too (idx_withdrawals_user_recent leaves those out).
CREATE INDEX withdrawals_user_created ON withdrawals (user_id, created_at);
