package com.stack.funding.ledger.app;

import java.time.Clock;

import com.stack.defaults.security.Caller;
import com.stack.funding.ledger.domain.Balance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A caller's balance, always derived from the ledger: there is no stored balance to drift from it. */
@Service
public class Balances {

    private final LedgerStore ledger;
    private final Clock clock;

    @Autowired
    public Balances(LedgerStore ledger) {
        this(ledger, Clock.systemUTC());
    }

    Balances(LedgerStore ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public Mono<Balance> of(Caller caller) {
        return ledger.totalsForUser(caller.userId()).map(totals -> Balance.fromLedger(totals, clock.instant()));
    }
}
