-- Tables owned by aicfo (seed architecture, sections 4.8 and 8). Users live in onboarding's
-- database, so user_id carries no foreign key here.

CREATE TABLE ai_summaries (
    id               UUID PRIMARY KEY,
    user_id          UUID        NOT NULL,
    week_start_date  DATE        NOT NULL,
    summary_markdown TEXT        NOT NULL,
    generated_at     TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- one summary per user and week; its index also serves "the user's latest summary"
    -- (the seed's separate user_id index would be redundant)
    UNIQUE (user_id, week_start_date)
);
