-- A weekly run that failed max-attempts times is parked (stack.aicfo.weekly.max-attempts, counted in
-- stack.aicfo.weekly.parked) instead of being taken over every lease forever. An operator retries it with
-- UPDATE weekly_runs SET state = 'claimed', attempts = 0, claimed_until = now() WHERE ...
ALTER TABLE weekly_runs DROP CONSTRAINT weekly_runs_state_check;
ALTER TABLE weekly_runs ADD CONSTRAINT weekly_runs_state_check CHECK (state IN ('claimed', 'done', 'parked'));
