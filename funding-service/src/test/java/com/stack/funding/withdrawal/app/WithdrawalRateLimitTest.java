package com.stack.funding.withdrawal.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.security.Caller;
import com.stack.funding.FundingServiceTest;
import com.stack.funding.broker.app.BrokerBuyingPower;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.ledger.adapters.LedgerRepository;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.adapters.WithdrawalRepository;
import com.stack.funding.withdrawal.domain.Withdrawal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Funding's own limit on withdrawals per user and window ({@code stack.funding.withdrawals.max-per-window}), on
 * the real database: the service's use case with {@code 5/1m}, its other parts the shared context's.
 */
class WithdrawalRateLimitTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Autowired
    WithdrawalRepository withdrawalRepository;

    @Autowired
    LedgerRepository balances;

    @Autowired
    Ledger ledger;

    @Autowired
    WithdrawalAnnouncements announcements;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    SagaCommands commands;

    @Autowired
    DatabaseClient db;

    @Autowired
    BrokerBuyingPower brokerBuyingPower;

    InitiateWithdrawal withdrawals(String maxPerWindow) {
        return new InitiateWithdrawal(
                withdrawalRepository,
                balances,
                ledger,
                announcements,
                transactions,
                commands,
                new InitiateWithdrawal.Settings(new BigDecimal("10000.00"), new BigDecimal("25000.00"), maxPerWindow),
                brokerBuyingPower);
    }

    Caller userWithBuyingPower(String usd) {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        Deposit deposit = new Deposit(
                UUID.randomUUID(),
                userId,
                Chain.ETHEREUM,
                "0x" + UUID.randomUUID(),
                new BigDecimal(usd),
                DepositStatus.BROKER_FUNDED,
                null,
                5,
                Instant.now(),
                Instant.now());
        transactions
                .transactional(ledger.post(
                        LedgerPosting.brokerFunded(deposit, OffRampAmount.of(deposit.amountUsdc()), "drivewealth")))
                .block(TIMEOUT);
        return new Caller(userId, subject, null);
    }

    long withdrawalsOf(Caller caller) {
        return db.sql("SELECT count(*) AS n FROM withdrawals WHERE user_id = :user")
                .bind("user", caller.userId())
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void concurrentWithdrawalsOfOneUserCreateAtMostTheLimitAndRepeatsOfAKeyAreNotCounted() {
        InitiateWithdrawal initiate = withdrawals("5/1m");
        Caller user = userWithBuyingPower("1000");
        Withdrawal first = initiate.initiate(user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "first")
                .block(TIMEOUT);

        // twenty new withdrawals at once, and the first one's key five times over
        List<Object> outcomes = Flux.merge(
                        Flux.range(0, 20)
                                .map(i -> initiate.initiate(
                                        user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "new-" + i)),
                        Flux.range(0, 5)
                                .map(i ->
                                        initiate.initiate(user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "first")))
                .flatMap(request -> request.map(Object.class::cast).onErrorResume(Mono::just), 25)
                .collectList()
                .block(TIMEOUT);

        assertThat(outcomes).hasSize(25);
        assertThat(outcomes)
                .filteredOn(Withdrawal.class::isInstance)
                .map(Withdrawal.class::cast)
                .filteredOn(made -> made.id().equals(first.id()))
                .hasSize(5);
        assertThat(outcomes).filteredOn(Withdrawal.class::isInstance).hasSize(5 + 4);
        assertThat(outcomes)
                .filteredOn(RetryLaterException.class::isInstance)
                .hasSize(16)
                .allSatisfy(refused -> {
                    RetryLaterException limited = (RetryLaterException) refused;
                    assertThat(limited.code()).isEqualTo("RATE_LIMITED");
                    assertThat(limited.retryAfterSeconds()).isBetween(1L, 60L);
                });
        assertThat(withdrawalsOf(user)).isEqualTo(5);
        // nothing held for the refused ones: five withdrawals of 1.00
        assertThat(db.sql(
                                "SELECT COALESCE(SUM(e.amount), 0) AS total FROM ledger_entries e JOIN ledger_accounts a"
                                        + " ON a.id = e.account_id WHERE a.user_id = :user AND a.kind = 'user_pending_withdrawal'")
                        .bind("user", user.userId())
                        .map(row -> row.get("total", BigDecimal.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualByComparingTo("5");

        // and the limit is the user's: another user is not held back
        Caller other = userWithBuyingPower("10");
        assertThat(initiate.initiate(other, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "other")
                        .block(TIMEOUT))
                .isNotNull();
    }

    @Test
    void failedWithdrawalsCountAndTheWindowEndsTheLimit() {
        InitiateWithdrawal initiate = withdrawals("2/2s");
        Caller user = userWithBuyingPower("100");
        initiate.initiate(user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "a")
                .block(TIMEOUT);
        Withdrawal second = initiate.initiate(user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "b")
                .block(TIMEOUT);
        db.sql("UPDATE withdrawals SET status = 'failed' WHERE id = :id")
                .bind("id", second.id())
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);

        Mono<Withdrawal> third = initiate.initiate(user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "c");
        assertThat(third.map(Object.class::cast).onErrorResume(Mono::just).block(TIMEOUT))
                .isInstanceOf(RetryLaterException.class);

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> initiate.initiate(user, new BigDecimal("1.00"), Chain.ETHEREUM, ETH, "c")
                                .map(Object.class::cast)
                                .onErrorResume(Mono::just)
                                .block(TIMEOUT)
                        instanceof Withdrawal);
        assertThat(withdrawalsOf(user)).isEqualTo(3);
    }
}
