package com.stack.funding.graphql.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.FundingServiceTest;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@code initiateWithdrawal} (Story 2.4 AC 1 and 2 and the review's validation findings): bad input is refused
 * with its own code and nothing is recorded or held; a valid request is recorded PENDING with its amount moved
 * from buying power to the pending withdrawal in the same transaction; the same idempotency key answers with
 * the same withdrawal and a different request under it is refused; concurrent withdrawals never overdraw.
 */
class WithdrawalInitiationTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String SOL = com.stack.contracts.chains.SolanaAddress.of(
            UUID.randomUUID().toString().substring(0, 32).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    static final String INITIATE = """
            mutation($input: WithdrawalInput!) {
              initiateWithdrawal(input: $input) { id amountUsd chain address status txHash failureReason }
            }""";

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseClient db;

    /** A user with {@code usd} of buying power, as a funded deposit would leave it. */
    String userWithBuyingPower(String usd) {
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
        return subject;
    }

    static Map<String, Object> input(String amount, String chain, String address, String key) {
        return Map.of("amountUsd", amount, "chain", chain, "address", address, "idempotencyKey", key);
    }

    GraphQlTester.Response initiate(String subject, Map<String, Object> input) {
        return as(subject).document(INITIATE).variable("input", input).execute();
    }

    BigDecimal account(String subject, String kind) {
        return db.sql("SELECT COALESCE(SUM(e.amount), 0) AS total FROM ledger_entries e JOIN ledger_accounts a"
                        + " ON a.id = e.account_id WHERE a.user_id = :user AND a.kind = :kind")
                .bind("user", userIdOf(subject))
                .bind("kind", kind)
                .map(row -> row.get("total", BigDecimal.class))
                .one()
                .block(TIMEOUT);
    }

    long withdrawalsOf(String subject) {
        return db.sql("SELECT count(*) AS n FROM withdrawals WHERE user_id = :user")
                .bind("user", userIdOf(subject))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void aValidWithdrawalIsRecordedPendingAndItsAmountHeld() {
        String subject = userWithBuyingPower("100");

        initiate(subject, input("40.25", "ETHEREUM", ETH.toLowerCase(), "w-1"))
                .errors()
                .verify()
                .path("initiateWithdrawal.status")
                .entity(String.class)
                .isEqualTo("PENDING")
                .path("initiateWithdrawal.amountUsd")
                .entity(String.class)
                .isEqualTo("40.25")
                // stored in its EIP-55 spelling
                .path("initiateWithdrawal.address")
                .entity(String.class)
                .isEqualTo(ETH);

        assertThat(account(subject, "user_buying_power")).isEqualByComparingTo("59.75");
        assertThat(account(subject, "user_pending_withdrawal")).isEqualByComparingTo("40.25");
        assertThat(db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_type LIKE '%WithdrawalStatusChanged'"
                                + " AND partition_key = :user")
                        .bind("user", userIdOf(subject).toString())
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo(1L);
    }

    @Test
    void theSameKeyIsTheSameWithdrawalAndAnotherRequestUnderItIsRefused() {
        String subject = userWithBuyingPower("100");
        String id = initiate(subject, input("10.00", "SOLANA", SOL, "same"))
                .errors()
                .verify()
                .path("initiateWithdrawal.id")
                .entity(String.class)
                .get();

        initiate(subject, input("10", "SOLANA", SOL, "same"))
                .errors()
                .verify()
                .path("initiateWithdrawal.id")
                .entity(String.class)
                .isEqualTo(id);
        initiate(subject, input("11.00", "SOLANA", SOL, "same"))
                .errors()
                .expect(errorWithCode("IDEMPOTENCY_KEY_REUSED"))
                .verify();

        assertThat(withdrawalsOf(subject)).isEqualTo(1);
        assertThat(account(subject, "user_pending_withdrawal")).isEqualByComparingTo("10");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "insufficient buying power | 100.01 | ETHEREUM | 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed | INSUFFICIENT_BUYING_POWER | amountUsd",
                "not an address            | 10     | ETHEREUM | 0x1234                                     | INVALID_ADDRESS           | address",
                "Solana address for ETH    | 10     | ETHEREUM | SOL                                        | ADDRESS_CHAIN_MISMATCH    | address",
                "Ethereum address for SOL  | 10     | SOLANA   | 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed | ADDRESS_CHAIN_MISMATCH    | address",
                "bad EIP-55 checksum       | 10     | ETHEREUM | 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD | INVALID_ADDRESS_CHECKSUM  | address",
                "Solana not 32 bytes       | 10     | SOLANA   | SOL_SHORT                                  | INVALID_ADDRESS           | address",
                "3 decimals                | 1.005  | ETHEREUM | 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed | INVALID_AMOUNT            | amountUsd",
                "negative                  | -5     | ETHEREUM | 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed | INVALID_AMOUNT            | amountUsd",
                "zero                      | 0      | ETHEREUM | 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed | INVALID_AMOUNT            | amountUsd",
                "over the limit            | 10000.01 | ETHEREUM | 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed | WITHDRAWAL_LIMIT_EXCEEDED | amountUsd"
            })
    void badRequestsGetTheirCodeAndNothingIsRecordedOrHeld(
            String why, String amount, String chain, String address, String code, String field) {
        String subject = userWithBuyingPower("100");

        String target = switch (address) {
            case "SOL" -> SOL;
            case "SOL_SHORT" -> SOL.substring(0, 30);
            default -> address;
        };
        initiate(subject, input(amount, chain, target, "k-" + UUID.randomUUID()))
                .errors()
                .expect(errorWithCode(code, field))
                .verify();

        assertThat(withdrawalsOf(subject)).isZero();
        assertThat(account(subject, "user_buying_power")).isEqualByComparingTo("100");
        assertThat(account(subject, "user_pending_withdrawal")).isZero();
    }

    @Test
    void fiftyConcurrentWithdrawalsNeverTakeMoreThanTheBuyingPower() {
        String subject = userWithBuyingPower("100");

        // 50 requests of 7.00 at once against 100.00: at most 14 can be held
        List<GraphQlTester.Response> responses = Flux.range(0, 50)
                .flatMap(
                        i -> reactor.core.publisher.Mono.fromCallable(
                                        () -> initiate(subject, input("7.00", "ETHEREUM", ETH, "c-" + i)))
                                .subscribeOn(Schedulers.boundedElastic()),
                        50)
                .collectList()
                .block(Duration.ofMinutes(2));

        assertThat(responses).hasSize(50);
        assertThat(withdrawalsOf(subject)).isEqualTo(14);
        assertThat(account(subject, "user_buying_power")).isEqualByComparingTo("2");
        assertThat(account(subject, "user_pending_withdrawal")).isEqualByComparingTo("98");
    }
}
