-- On-demand analyses being written (issue #16): at most one running per user across every replica, so that a second
-- request of the user, on whichever replica, joins the running one instead of asking the model again. A run is
-- claimed under the user's advisory lock with a lease; a run whose lease ran out (its replica died or gave up) is
-- abandoned and the next request of the user takes it over.
CREATE TABLE analysis_runs (
    id            UUID PRIMARY KEY,
    user_id       UUID        NOT NULL,
    state         VARCHAR(9)  NOT NULL CHECK (state IN ('running', 'done', 'abandoned')),
    claimed_until TIMESTAMPTZ NOT NULL,
    -- the stored analysis, once done
    summary_id    UUID,
    started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (state <> 'done' OR summary_id IS NOT NULL)
);
CREATE UNIQUE INDEX analysis_runs_one_running ON analysis_runs (user_id) WHERE state = 'running';
