package com.stack.funding.app;

import java.util.UUID;

import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.defaults.messaging.Outbox;
import com.stack.funding.adapters.LedgerRepository;
import com.stack.funding.domain.Balance;
import com.stack.funding.domain.LedgerPosting;
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

    private final LedgerRepository ledger;
    private final Outbox outbox;

    public Ledger(LedgerRepository ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /** Posts the journal; emits false, and changes nothing, when its reference was posted before. */
    public Mono<Boolean> post(LedgerPosting posting) {
        return ledger.post(posting).flatMap(posted -> {
            UUID user = posting.entries().stream().map(entry -> entry.account().userId())
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (!posted || user == null) {
                return Mono.just(posted);
            }
            return ledger.bumpBalanceVersion(user)
                    .zipWith(ledger.totalsForUser(user))
                    .flatMap(versionAndTotals -> {
                        Balance balance = Balance.fromLedger(versionAndTotals.getT2(), java.time.Instant.now());
                        return outbox.append(new BuyingPowerChanged(user, balance.buyingPowerUsd().toPlainString(),
                                balance.pendingDepositsUsd().toPlainString(), balance.pendingWithdrawalsUsd().toPlainString(),
                                versionAndTotals.getT1(), balance.updatedAt()));
                    })
                    .thenReturn(true);
        });
    }
}
