-- aicfo's own read model of what a summary may state (fed by the suite's events through the idempotent
-- consumer), the summaries' kinds and facts, the weekly run's claims and the on-demand requests.

-- Money that moved: one row per deposit credited, withdrawal completed, or order ended with something filled.
-- Keyed by what moved (not by the event), so a status announced again under another event id counts once.
CREATE TABLE activity (
    kind        VARCHAR(16)    NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'order')),
    source_id   UUID           NOT NULL,
    user_id     UUID           NOT NULL,
    amount_usd  NUMERIC(20, 2) NOT NULL CHECK (amount_usd >= 0),
    -- orders only: BUY or SELL, and the final status (FILLED counts as an order filled, CANCELED does not)
    side        VARCHAR(4)     CHECK (side IN ('BUY', 'SELL')),
    status      VARCHAR(16),
    occurred_at TIMESTAMPTZ    NOT NULL,
    event_id    UUID           NOT NULL,
    PRIMARY KEY (kind, source_id)
);
CREATE INDEX activity_user_time ON activity (user_id, occurred_at);

-- Funding's buying power, one row per change, so its value at any time can be read back.
CREATE TABLE buying_power_changes (
    user_id          UUID           NOT NULL,
    version          BIGINT         NOT NULL,
    buying_power_usd NUMERIC(30, 6) NOT NULL,
    changed_at       TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (user_id, version)
);

-- Users known from onboarding (no personal data kept: not the email, not the phone number).
CREATE TABLE users (
    user_id       UUID PRIMARY KEY,
    time_zone     VARCHAR(64) NOT NULL DEFAULT 'UTC',
    registered_at TIMESTAMPTZ
);

-- A summary is a weekly summary or an on-demand analysis (week_start_date: the Monday of its week), stored with
-- the facts it was written from (SummaryFacts as JSON, with its version) and how it was written.
ALTER TABLE ai_summaries
    ADD COLUMN kind       VARCHAR(16) NOT NULL DEFAULT 'weekly' CHECK (kind IN ('weekly', 'on_demand')),
    ADD COLUMN facts_json JSONB,
    ADD COLUMN analyst    VARCHAR(32),
    ADD COLUMN attempts   INT,
    ADD COLUMN fell_back  BOOLEAN;
ALTER TABLE ai_summaries DROP CONSTRAINT ai_summaries_user_id_week_start_date_key;
-- one weekly summary per user and week; on-demand analyses are as many as the rate limit lets through
CREATE UNIQUE INDEX ai_summaries_one_weekly ON ai_summaries (user_id, week_start_date) WHERE kind = 'weekly';
-- the latest summary (by week, then by generation) and the newest-first pages
CREATE INDEX ai_summaries_user_week ON ai_summaries (user_id, week_start_date DESC, generated_at DESC);
CREATE INDEX ai_summaries_user_generated ON ai_summaries (user_id, generated_at DESC, id DESC);

-- The weekly run's claims: one row per user and closed week. A runner inserts it claimed with a lease; a lease
-- that ran out (its runner died) is claimed again; done once the summary is stored (or found stored).
CREATE TABLE weekly_runs (
    user_id       UUID        NOT NULL,
    week_start    DATE        NOT NULL,
    state         VARCHAR(8)  NOT NULL CHECK (state IN ('claimed', 'done')),
    claimed_until TIMESTAMPTZ,
    attempts      INT         NOT NULL DEFAULT 1,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, week_start)
);
CREATE INDEX weekly_runs_lapsed ON weekly_runs (claimed_until) WHERE state = 'claimed';

-- On-demand analyses asked for, counted under the user's lock for the per-user limit.
CREATE TABLE analysis_requests (
    id           UUID PRIMARY KEY,
    user_id      UUID        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX analysis_requests_user_time ON analysis_requests (user_id, requested_at);
