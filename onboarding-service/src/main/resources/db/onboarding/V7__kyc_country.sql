-- The country a KYC application names (issue #21): kept per submission, and on the user once the provider
-- approved that submission. It is what country-limited feature flags are evaluated against; KycStatusChanged
-- carries it to the services that gate a capability.
ALTER TABLE kyc_submissions ADD COLUMN country VARCHAR(2) CHECK (country ~ '^[A-Z]{2}$');
ALTER TABLE users ADD COLUMN country VARCHAR(2) CHECK (country ~ '^[A-Z]{2}$');
