-- The balance of each user account, kept by the database as entries are inserted, so that a user's
-- balance is read in one row per account instead of summing every entry the user ever had (a posting
-- read the whole history of its user, and a busy user's postings grew slower and slower).
--
-- Still derived from the ledger: the trigger adds each entry in the entry's own transaction, and the
-- ledger's invariant check compares every row here with the SUM of its account's entries. Only user
-- accounts: a house account takes part in every posting, and one row for it would serialize them all.
-- A user's postings are serialized already (balance_versions), and they lock that row before their
-- entries lock these.
CREATE TABLE ledger_user_balances (
    account_id    UUID           PRIMARY KEY REFERENCES ledger_accounts (id),
    balance       NUMERIC(36, 6) NOT NULL,
    last_entry_at TIMESTAMPTZ    NOT NULL
);

INSERT INTO ledger_user_balances (account_id, balance, last_entry_at)
SELECT a.id, SUM(e.amount), MAX(e.created_at)
FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
WHERE a.user_id IS NOT NULL
GROUP BY a.id;

CREATE FUNCTION ledger_user_balance_add() RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO ledger_user_balances AS b (account_id, balance, last_entry_at)
    SELECT a.id, NEW.amount, NEW.created_at
    FROM ledger_accounts a WHERE a.id = NEW.account_id AND a.user_id IS NOT NULL
    ON CONFLICT (account_id) DO UPDATE SET balance = b.balance + EXCLUDED.balance,
        last_entry_at = GREATEST(b.last_entry_at, EXCLUDED.last_entry_at);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_user_balance AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_user_balance_add();
