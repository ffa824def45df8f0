package com.stack.funding.ledger.app;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.ledger.domain.LedgerTotals;
import reactor.core.publisher.Mono;

/**
 * The double-entry ledger's journals, entries and kept balances (port; the adapter is
 * {@code adapters.LedgerRepository}, over {@code ledger_journal}, {@code ledger_entries}, {@code ledger_accounts},
 * {@code ledger_user_balances} and {@code balance_versions}).
 */
public interface LedgerStore {

    /**
     * The balances of the user's USD accounts by kind, from the balances kept per user account (never a walk through
     * the user's entries). A user without entries gets zeros and no last entry.
     */
    Mono<LedgerTotals> totalsForUser(UUID userId);

    /**
     * What the ledger says the user's broker account holds in cash: the buying power, what is held for orders (the
     * broker's cash until they fill) and the withdrawals recorded but not yet sent to the broker (still PENDING: from
     * the broker withdrawal on, the broker has paid them out).
     */
    Mono<BigDecimal> cashAtBroker(UUID userId);

    /**
     * Opens the posting's journal; emits its id, or nothing when a journal with the same reference was posted before
     * (each business event is posted once). Must run inside the transaction of the change it records, followed by
     * {@link #postEntries} (the database checks the balance at commit).
     */
    Mono<UUID> openJournal(LedgerPosting posting);

    /**
     * Posts the posting's entries in the journal {@link #openJournal} opened, opening their accounts on first use.
     * The entries of a user's accounts change those accounts' balance rows, which stay locked until the transaction
     * ends: lock the user first ({@link #bumpBalanceVersion}), as every posting for the user does.
     */
    Mono<Void> postEntries(UUID journal, LedgerPosting posting);

    /**
     * Bumps the user's balance version inside the caller's transaction and emits the new one. The row stays locked
     * until the transaction ends, so one user's postings are serialized.
     */
    Mono<Long> bumpBalanceVersion(UUID userId);

    /**
     * The ledger's invariant over every entry: each journal sums to zero in each currency (so all entries do), no user
     * account is negative, and every user account's kept balance is the sum of its entries (an account with entries
     * and no balance row, or a row that differs, drifted). A full scan: for the health check and tests, not request
     * paths.
     */
    Mono<Invariant> checkInvariant();

    /**
     * What the invariant check found: journals out of balance, user accounts below zero, and user accounts whose kept
     * balance is not the sum of their entries.
     */
    record Invariant(
            long unbalancedJournals, long negativeUserAccounts, BigDecimal totalUsd, long driftedUserBalances) {

        public boolean holds() {
            return unbalancedJournals == 0
                    && negativeUserAccounts == 0
                    && totalUsd.signum() == 0
                    && driftedUserBalances == 0;
        }
    }
}
