package com.stack.funding.ledger.app;

import java.util.UUID;

import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.defaults.messaging.Outbox;
import com.stack.funding.ledger.domain.Balance;
import com.stack.funding.ledger.domain.LedgerPosting;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Posts journals for the sagas, inside the caller's transaction. A journal that touches a user's accounts
 * bumps the user's balance version and announces the balance after it ({@link BuyingPowerChanged}), so
 * every change of what the user has is published with the change, exactly once (a journal is posted once
 * per reference, and a repeat announces nothing).
 */
@Service
public class Ledger {

    private final LedgerStore ledger;
    private final Outbox outbox;

    public Ledger(LedgerStore ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /**
     * Posts the journal; emits false, and changes nothing, when its reference was posted before. A journal
     * for a user locks the user (its balance version) before its entries change the user's balances, so all
     * of a user's postings take their locks in one order.
     */
    public Mono<Boolean> post(LedgerPosting posting) {
        UUID user = posting.entries().stream()
                .map(entry -> entry.account().userId())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        return ledger.openJournal(posting)
                .flatMap(journal -> {
                    if (user == null) {
                        return ledger.postEntries(journal, posting).thenReturn(true);
                    }
                    return ledger.bumpBalanceVersion(user)
                            .flatMap(version -> ledger.postEntries(journal, posting)
                                    .then(ledger.totalsForUser(user))
                                    .flatMap(totals -> {
                                        Balance balance = Balance.fromLedger(totals, java.time.Instant.now());
                                        return outbox.append(new BuyingPowerChanged(
                                                user,
                                                balance.buyingPowerUsd().toPlainString(),
                                                balance.pendingDepositsUsd().toPlainString(),
                                                balance.pendingWithdrawalsUsd().toPlainString(),
                                                version,
                                                balance.updatedAt()));
                                    }))
                            .thenReturn(true);
                })
                .defaultIfEmpty(false);
    }
}
