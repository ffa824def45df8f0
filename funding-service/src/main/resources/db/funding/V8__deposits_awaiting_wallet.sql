-- An inbound transfer to an address funding does not know yet (the address's WalletCreated is late, or was
-- dead-lettered) is never dropped: its notification stays unprocessed, parked (next_attempt_at 'infinity')
-- with the address it waits for, until that address's wallet is recorded. Recording the wallet puts the
-- notification back in the same transaction (WalletAddressBook), and every sweep of the inbox processor
-- puts back those whose wallet is known by now (a wallet recorded while the transfer was being parked).
-- The notification is then applied like any other: a deposit per chain and transaction hash.
ALTER TABLE partner_inbox
    ADD COLUMN awaiting_chain   VARCHAR(16) CHECK (awaiting_chain IN ('ethereum', 'solana')),
    ADD COLUMN awaiting_address VARCHAR(255),
    ADD COLUMN awaiting_since   TIMESTAMPTZ,
    ADD CONSTRAINT partner_inbox_awaiting_unprocessed CHECK (awaiting_address IS NULL OR processed_at IS NULL),
    ADD CONSTRAINT partner_inbox_awaiting_complete
        CHECK ((awaiting_address IS NULL) = (awaiting_chain IS NULL) AND (awaiting_address IS NULL) = (awaiting_since IS NULL));
CREATE INDEX partner_inbox_awaiting_wallet ON partner_inbox (awaiting_address, awaiting_chain)
    WHERE awaiting_address IS NOT NULL;

-- Transfers ignored as unknown_address before: processed again (applied if the wallet is known by now,
-- waiting for it otherwise).
UPDATE partner_inbox SET processed_at = NULL, outcome = NULL, outcome_detail = NULL, claimed_until = NULL,
        attempts = 0, next_attempt_at = now()
    WHERE outcome = 'ignored' AND outcome_detail LIKE 'unknown address %';
