-- A user's time zone comes from onboarding's ProfileUpdated (issue #21): the whole profile with its updatedAt. Kept
-- with that time, so that a ProfileUpdated delivered out of order (older than the one applied) changes nothing.
ALTER TABLE users ADD COLUMN time_zone_updated_at TIMESTAMPTZ;
