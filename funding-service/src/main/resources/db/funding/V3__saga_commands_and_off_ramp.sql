-- The deposit saga's next step, the off-ramp, driven by a command outbox.
--
-- saga_commands: the step a saga must take next, recorded in the transaction of the state change that
-- calls for it (a deposit reaching confirmed_on_chain records INITIATE_OFF_RAMP), then executed by the
-- command runner (woken after that commit, and by a sweep for retries and lapsed claims). A command is
-- recorded once per saga (UNIQUE (saga_id, command)), claimed with a lease (claimed_until, FOR UPDATE
-- SKIP LOCKED), and its partner call carries idempotency_key, the same on every attempt:
--   pending    waiting to run (again at next_attempt_at after a transient failure)
--   in_flight  claimed by a runner until claimed_until; a lapsed claim is taken again
--   done       its effect was made, or was not needed any more
--   failed     given up after the last attempt (last_error says why): the reconciler's to resolve
CREATE TABLE saga_commands (
    id              UUID PRIMARY KEY,
    saga_type       VARCHAR(32)  NOT NULL,           -- 'deposit'
    saga_id         UUID         NOT NULL,           -- the deposit's id
    command         VARCHAR(64)  NOT NULL,           -- INITIATE_OFF_RAMP, FUND_BROKER
    idempotency_key VARCHAR(128) NOT NULL,
    state           VARCHAR(16)  NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'in_flight', 'done', 'failed')),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    claimed_until   TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (saga_id, command)
);
CREATE INDEX saga_commands_due ON saga_commands (next_attempt_at, created_at) WHERE state IN ('pending', 'in_flight');

CREATE TRIGGER update_saga_commands_updated_at BEFORE UPDATE ON saga_commands
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- The ramp partner's payout id (Circle's payout id). Not partner_transfer_id: that one keeps Circle's id
-- of the inbound on-chain transaction, which reconciliation with the chain still needs. Unique: a payout
-- notification finds its deposit by it.
ALTER TABLE deposits ADD COLUMN off_ramp_transfer_id VARCHAR(255) UNIQUE;
