-- The profile (issue #21): a display name and a time zone beside the phone number. The phone number's
-- uniqueness is V1's constraint users_phone_number_key, already the authority for sign-up (and every number
-- stored since was validated as E.164 by sign-up): updateProfile maps its violation to PHONE_NUMBER_TAKEN.
--
-- profile_updated_at is the ProfileUpdated event's updatedAt: set explicitly (not the trigger's updated_at,
-- which is the transaction's start) and strictly increasing per user, so that a consumer that keeps the newest
-- profile by it never keeps an older one.
ALTER TABLE users
    ADD COLUMN display_name       VARCHAR(64),
    ADD COLUMN time_zone          VARCHAR(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN profile_updated_at TIMESTAMPTZ;
