package com.stack.funding.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.stack.funding.FundingServiceTest;
import com.stack.funding.app.Ledger;
import com.stack.funding.domain.Chain;
import com.stack.funding.domain.Deposit;
import com.stack.funding.domain.DepositStatus;
import com.stack.funding.domain.LedgerAccountKind;
import com.stack.funding.domain.LedgerAccountRef;
import com.stack.funding.domain.LedgerPosting;
import com.stack.funding.domain.OffRampAmount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The ledger remembers the ids of accounts it has seen committed, and only those: an account opened (or found
 * opened) by postings whose transaction rolled back does not exist, and the next posting opens it again.
 */
class LedgerAccountsTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    Ledger ledger;
    @Autowired
    LedgerRepository ledgerRepository;
    @Autowired
    TransactionalOperator transactions;

    @Test
    void anAccountOpenedByARolledBackPostingIsOpenedAgainAndRememberedOnceCommitted() {
        UUID user = UUID.randomUUID();

        // two postings in one transaction: the second finds the account the first opened, uncommitted
        Mono<Boolean> rolledBack = transactions.transactional(ledger.post(funded(user, "10.00"))
                .then(ledger.post(funded(user, "5.00")))
                .then(Mono.error(new IllegalStateException("the change these postings belonged to failed"))));
        assertThat(rolledBack.onErrorResume(IllegalStateException.class, e -> Mono.just(false)).block(TIMEOUT)).isFalse();
        assertThat(buyingPower(user)).isEqualByComparingTo("0");

        // opens the user's account again and remembers it once committed; the next postings use what it remembered
        for (String usd : new String[] {"1.00", "2.00", "3.00"}) {
            assertThat(transactions.transactional(ledger.post(funded(user, usd))).block(TIMEOUT)).isTrue();
        }

        assertThat(buyingPower(user)).isEqualByComparingTo("6.00");
        assertThat(ledgerRepository.remembered(LedgerAccountRef.users(user, LedgerAccountKind.USER_BUYING_POWER, "USD")))
                .isNotNull();
    }

    private BigDecimal buyingPower(UUID user) {
        return ledgerRepository.totalsForUser(user).block(TIMEOUT).buyingPower();
    }

    private static LedgerPosting funded(UUID user, String usd) {
        Deposit deposit = new Deposit(UUID.randomUUID(), user, Chain.ETHEREUM, "0x" + UUID.randomUUID(), new BigDecimal(usd),
                DepositStatus.BROKER_FUNDED, null, 5, Instant.now(), Instant.now());
        return LedgerPosting.brokerFunded(deposit, OffRampAmount.of(deposit.amountUsdc()), "drivewealth");
    }
}
