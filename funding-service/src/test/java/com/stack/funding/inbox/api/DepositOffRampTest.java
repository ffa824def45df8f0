package com.stack.funding.inbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.messaging.ConsumerLag;
import com.stack.funding.CircleTestDouble;
import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.reconciliation.app.DepositReconciler;
import com.stack.funding.reconciliation.app.WithdrawalReconciler;
import com.stack.funding.saga.app.SagaCommandRunner;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.testsupport.PrometheusScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The deposit saga's off-ramp end to end: a confirmed deposit records INITIATE_OFF_RAMP, the command
 * runner asks the Circle test double for a payout (idempotency key derived from the deposit), and Circle's
 * signed {@code payouts} notification completes or fails it; with Circle failing for a while, refusing,
 * reporting out of order, and a runner crashing between the payout and its commit.
 *
 * <p>The runner does not start on its own in the shared test context (other tests' deposits must stay
 * confirmed), so these tests run it: {@link SagaCommandRunner#drain()} is one pass; the first test starts
 * the loop itself, to show a confirmation wakes it.
 */
class DepositOffRampTest extends CircleWebhookTest {

    static final String MASTER_WALLET = "1000216185";
    static final String WIRE_ACCOUNT = "6a3a947e-a0d9-4b2a-9a3e-0fa9e5a2d5a1";

    @Autowired
    SagaCommandRunner runner;

    @Autowired
    OffRamp offRamp;

    @Autowired
    DepositReconciler reconciler;

    @Autowired
    WithdrawalReconciler withdrawalReconciler;

    @Autowired
    ConsumerLag consumerLag;

    @BeforeEach
    void noCommandsLeftOver() {
        // commands other test classes' deposits recorded run now, before a test configures Circle's answers
        runner.drain().block(TIMEOUT);
    }

    @AfterEach
    void circleAnswersNormally() {
        CIRCLE.answerPayouts503(0);
        CIRCLE.refusePayouts(false);
    }

    record ConfirmedDeposit(UserWallet user, UUID id, String idempotencyKey) {}

    ConfirmedDeposit confirmedDeposit(String amount) {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        assertThat(deliver(
                        signed(inbound(notificationId, Instant.now(), "ETH", user.address(), amount, tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        UUID id = (UUID) deposit(tx).get("id");
        return new ConfirmedDeposit(
                user, id, SagaCommand.INITIATE_OFF_RAMP.idempotencyKey(id).toString());
    }

    static String payouts(String notificationId, String payoutId, String status, String amount, String errorCode) {
        return """
                {"subscriptionId":"%s","notificationId":"%s","notificationType":"payouts",\
                "notification":{"id":"%s","sourceWalletId":"%s","destination":{"type":"wire","id":"%s"},\
                "amount":{"amount":"%s","currency":"USD"},"fees":{"amount":"25.00","currency":"USD"},\
                "status":"%s",%s"createDate":"%s","updateDate":"%s"},"timestamp":"%s","version":2}""".formatted(
                        UUID.randomUUID(),
                        notificationId,
                        payoutId,
                        MASTER_WALLET,
                        WIRE_ACCOUNT,
                        amount,
                        status,
                        errorCode == null ? "" : "\"errorCode\":\"" + errorCode + "\",",
                        Instant.now(),
                        Instant.now(),
                        Instant.now());
    }

    Map<String, Object> depositRow(UUID id) {
        return db.sql("SELECT status, version, failure_reason, off_ramp_transfer_id FROM deposits WHERE id = :id")
                .bind("id", id)
                .fetch()
                .one()
                .block(TIMEOUT);
    }

    Map<String, Object> command(UUID depositId, SagaCommand command) {
        return db.sql("SELECT state, attempts, last_error, idempotency_key FROM saga_commands"
                        + " WHERE saga_id = :id AND command = :command")
                .bind("id", depositId)
                .bind("command", command.name())
                .fetch()
                .one()
                .block(TIMEOUT);
    }

    /** The sum of the deposit's journals' entries on one kind of account (and partner, for clearing accounts). */
    BigDecimal posted(UUID depositId, String kind, String partner) {
        return db.sql("SELECT COALESCE(SUM(e.amount), 0) AS total FROM ledger_entries e"
                        + " JOIN ledger_journal j ON j.id = e.journal_id JOIN ledger_accounts a ON a.id = e.account_id"
                        + " WHERE j.reference LIKE :reference AND a.kind = :kind"
                        + " AND a.partner IS NOT DISTINCT FROM :partner")
                .bind("reference", "deposit:" + depositId + ":%")
                .bind("kind", kind)
                .bind("partner", partner == null ? "" : partner)
                .map(row -> row.get("total", BigDecimal.class))
                .one()
                .block(TIMEOUT);
    }

    BigDecimal pending(UUID depositId) {
        return db.sql("SELECT COALESCE(SUM(e.amount), 0) AS total FROM ledger_entries e"
                        + " JOIN ledger_journal j ON j.id = e.journal_id JOIN ledger_accounts a ON a.id = e.account_id"
                        + " WHERE j.reference LIKE :reference AND a.kind = 'user_pending_deposit'")
                .bind("reference", "deposit:" + depositId + ":%")
                .map(row -> row.get("total", BigDecimal.class))
                .one()
                .block(TIMEOUT);
    }

    void assertLedgerBalanced() {
        assertThat(count("SELECT count(*) FROM (SELECT e.journal_id FROM ledger_entries e"
                        + " JOIN ledger_accounts a ON a.id = e.account_id GROUP BY e.journal_id, a.currency"
                        + " HAVING SUM(e.amount) <> 0) unbalanced"))
                .isZero();
    }

    void assertBalance(ConfirmedDeposit deposit, String pendingDeposits, String buyingPower) {
        as(deposit.user().subject())
                .document(BALANCE_OF_USER)
                .variable("representations", userRepresentations(deposit.user().userId()))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].balance.pendingDepositsUsd")
                .entity(String.class)
                .isEqualTo(pendingDeposits)
                .path("_entities[0].balance.buyingPowerUsd")
                .entity(String.class)
                .isEqualTo(buyingPower);
    }

    List<String> statusesAnnounced(ConfirmedDeposit deposit) {
        return depositEvents(deposit.user().userId()).stream()
                .filter(event ->
                        event.path("depositId").asString().equals(deposit.id().toString()))
                .map(event -> event.path("status").asString() + "@"
                        + event.path("version").asLong())
                .toList();
    }

    // --- the behaviour ---

    @Test
    void aConfirmedDepositIsPaidOutOnceAndCirclesCompleteNotificationTakesItToOffRampComplete() {
        runner.start();
        ConfirmedDeposit deposit;
        try {
            deposit = confirmedDeposit("125");
            // nobody drains: the commit of the confirmation wakes the running runner
            await().atMost(EVENTUALLY)
                    .until(() ->
                            "off_ramp_initiated".equals(depositRow(deposit.id()).get("status")));
        } finally {
            runner.stop();
        }

        List<JsonNode> requests = CIRCLE.payoutRequests(deposit.idempotencyKey());
        assertThat(requests).hasSize(1);
        JsonNode request = requests.get(0);
        assertThat(request.path("idempotencyKey").asString()).isEqualTo(deposit.idempotencyKey());
        assertThat(request.path("source").path("type").asString()).isEqualTo("wallet");
        assertThat(request.path("source").path("id").asString()).isEqualTo(MASTER_WALLET);
        assertThat(request.path("destination").path("type").asString()).isEqualTo("wire");
        assertThat(request.path("destination").path("id").asString()).isEqualTo(WIRE_ACCOUNT);
        assertThat(request.path("amount").path("amount").asString()).isEqualTo("125.00");
        assertThat(request.path("amount").path("currency").asString()).isEqualTo("USD");

        String payoutId = CircleTestDouble.payoutIdFor(deposit.idempotencyKey());
        assertThat(depositRow(deposit.id()))
                .containsEntry("off_ramp_transfer_id", payoutId)
                .containsEntry("version", 2L);
        assertThat(command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP))
                .containsEntry("state", "done")
                .containsEntry("attempts", 1);

        // Circle reports the payout complete, three times (its retries of one notification)
        String notificationId = UUID.randomUUID().toString();
        Delivery complete = signed(payouts(notificationId, payoutId, "complete", "125.00", null));
        for (int i = 0; i < 3; i++) {
            assertThat(deliver(complete)).isEqualTo(HttpStatus.OK);
        }
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        // and once more as a new notification of the same payout: nothing moves
        String again = UUID.randomUUID().toString();
        deliver(signed(payouts(again, payoutId, "complete", "125.00", null)));
        assertThat(processed(again).outcome()).isEqualTo("ignored");

        assertThat(depositRow(deposit.id()))
                .containsEntry("status", "off_ramp_complete")
                .containsEntry("version", 3L);
        assertThat(statusesAnnounced(deposit))
                .containsExactly("CONFIRMED_ON_CHAIN@1", "OFF_RAMP_INITIATED@2", "OFF_RAMP_COMPLETE@3");
        // the next step is recorded, not run: the broker step comes next
        assertThat(command(deposit.id(), SagaCommand.FUND_BROKER))
                .containsEntry("state", "pending")
                .containsEntry("attempts", 0);

        // the USD left Circle for the broker; the user's deposit is still pending until the broker funds it
        assertThat(posted(deposit.id(), "partner_clearing", "circle")).isEqualByComparingTo("0");
        assertThat(posted(deposit.id(), "partner_clearing", "broker_in_transit"))
                .isEqualByComparingTo("-125");
        assertThat(pending(deposit.id())).isEqualByComparingTo("125");
        assertBalance(deposit, "125.00", "0.00");
        assertLedgerBalanced();
        assertThat(CIRCLE.payoutsMade(deposit.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void circleUnavailableForAWhileStillMakesOnePayoutUnderOneIdempotencyKey() {
        ConfirmedDeposit deposit = confirmedDeposit("40");
        // three 503s: every attempt of the client's first call; then one more on the command's retry
        CIRCLE.answerPayouts503(4);

        runner.drain().block(TIMEOUT);
        assertThat(depositRow(deposit.id())).containsEntry("status", "confirmed_on_chain");
        Map<String, Object> retried = command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP);
        assertThat(retried).containsEntry("state", "pending").containsEntry("attempts", 1);
        assertThat((String) retried.get("last_error"))
                .contains("OffRampUnavailableException")
                .contains("HTTP 503");

        await().atMost(EVENTUALLY).until(() -> {
            runner.drain().block(TIMEOUT);
            return "off_ramp_initiated".equals(depositRow(deposit.id()).get("status"));
        });
        assertThat(CIRCLE.payoutRequests(deposit.idempotencyKey()))
                .hasSize(5)
                .allMatch(request -> request.path("idempotencyKey").asString().equals(deposit.idempotencyKey()));
        assertThat(CIRCLE.payoutsMade(deposit.idempotencyKey())).isEqualTo(1);
        assertThat(command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP))
                .containsEntry("state", "done")
                .containsEntry("attempts", 2);
    }

    @Test
    void aPayoutCircleRefusesForGoodFailsTheDepositAndReversesItsJournal() {
        ConfirmedDeposit deposit = confirmedDeposit("125");
        assertBalance(deposit, "125.00", "0.00");
        CIRCLE.refusePayouts(true);

        runner.drain().block(TIMEOUT);

        Map<String, Object> row = depositRow(deposit.id());
        assertThat(row).containsEntry("status", "failed").containsEntry("version", 2L);
        assertThat((String) row.get("failure_reason"))
                .startsWith("off-ramp refused:")
                .contains("HTTP 400")
                .contains("Destination bank account not found.");
        assertThat(command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP))
                .containsEntry("state", "done")
                .containsEntry("attempts", 1);
        // refused, not retried: one request
        assertThat(CIRCLE.payoutRequests(deposit.idempotencyKey())).hasSize(1);
        assertThat(pending(deposit.id())).isEqualByComparingTo("0");
        assertThat(posted(deposit.id(), "partner_clearing", "circle")).isEqualByComparingTo("0");
        assertBalance(deposit, "0.00", "0.00");
        assertLedgerBalanced();
        assertThat(statusesAnnounced(deposit)).containsExactly("CONFIRMED_ON_CHAIN@1", "FAILED@2");
    }

    @Test
    void aFailedPayoutNotificationFailsTheDepositAndReversesItsJournalDustIncluded() {
        ConfirmedDeposit deposit = confirmedDeposit("125.123456");
        runner.drain().block(TIMEOUT);
        assertThat(depositRow(deposit.id())).containsEntry("status", "off_ramp_initiated");

        String notificationId = UUID.randomUUID().toString();
        deliver(signed(payouts(
                notificationId,
                CircleTestDouble.payoutIdFor(deposit.idempotencyKey()),
                "failed",
                "125.12",
                "insufficient_funds")));
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");

        Map<String, Object> row = depositRow(deposit.id());
        assertThat(row).containsEntry("status", "failed").containsEntry("version", 3L);
        assertThat((String) row.get("failure_reason")).contains("failed: insufficient_funds");
        assertThat(pending(deposit.id())).isEqualByComparingTo("0");
        assertThat(posted(deposit.id(), "partner_clearing", "dust")).isEqualByComparingTo("0");
        assertThat(posted(deposit.id(), "partner_clearing", "circle")).isEqualByComparingTo("0");
        assertBalance(deposit, "0.00", "0.00");
        assertLedgerBalanced();
        assertThat(command(deposit.id(), SagaCommand.FUND_BROKER)).isNull();
        assertThat(statusesAnnounced(deposit))
                .containsExactly("CONFIRMED_ON_CHAIN@1", "OFF_RAMP_INITIATED@2", "FAILED@3");
    }

    @Test
    void aCompleteNotificationBeforeTheInitiatingCommitIsRetriedUntilThePayoutIsKnown() {
        ConfirmedDeposit deposit = confirmedDeposit("60");
        String payoutId = CircleTestDouble.payoutIdFor(deposit.idempotencyKey());

        // Circle's notification overtakes the commit of the payout's id
        String notificationId = UUID.randomUUID().toString();
        deliver(signed(payouts(notificationId, payoutId, "complete", "60.00", null)));
        await().atMost(EVENTUALLY)
                .until(() -> count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId
                                + "' AND processed_at IS NULL AND last_error LIKE '%No deposit holds payout%'")
                        == 1);
        assertThat(depositRow(deposit.id())).containsEntry("status", "confirmed_on_chain");

        runner.drain().block(TIMEOUT);
        InboxRow row = processed(notificationId);
        assertThat(row.outcome()).isEqualTo("applied");
        assertThat(row.attempts()).isGreaterThan(1);
        assertThat(depositRow(deposit.id()))
                .containsEntry("status", "off_ramp_complete")
                .containsEntry("version", 3L);
        assertThat(command(deposit.id(), SagaCommand.FUND_BROKER)).containsEntry("state", "pending");
        assertLedgerBalanced();
    }

    @Test
    void aRunnerDyingBetweenThePayoutAndItsCommitLeavesOnePayoutUnderTheSameKey() {
        ConfirmedDeposit deposit = confirmedDeposit("77.7");
        // the runner's transaction fails after Circle made the payout, as if the process died before the commit
        String trigger = "crash_" + deposit.id().toString().replace("-", "");
        db.sql("CREATE FUNCTION " + trigger + "() RETURNS TRIGGER AS $$ BEGIN RAISE EXCEPTION 'crashed'; END; $$"
                        + " LANGUAGE plpgsql")
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        db.sql("CREATE TRIGGER " + trigger + " BEFORE UPDATE ON deposits FOR EACH ROW WHEN (NEW.id = '" + deposit.id()
                        + "' AND NEW.status = 'off_ramp_initiated') EXECUTE FUNCTION " + trigger + "()")
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        try {
            runner.drain().block(TIMEOUT);
        } finally {
            db.sql("DROP TRIGGER " + trigger + " ON deposits")
                    .fetch()
                    .rowsUpdated()
                    .block(TIMEOUT);
            db.sql("DROP FUNCTION " + trigger + "()").fetch().rowsUpdated().block(TIMEOUT);
        }
        assertThat(CIRCLE.payoutsMade(deposit.idempotencyKey())).isEqualTo(1);
        assertThat(depositRow(deposit.id()))
                .containsEntry("status", "confirmed_on_chain")
                .containsEntry("off_ramp_transfer_id", null);
        assertThat(command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP)).containsEntry("state", "pending");
        assertThat(statusesAnnounced(deposit)).containsExactly("CONFIRMED_ON_CHAIN@1");

        await().atMost(EVENTUALLY).until(() -> {
            runner.drain().block(TIMEOUT);
            return "off_ramp_initiated".equals(depositRow(deposit.id()).get("status"));
        });
        assertThat(CIRCLE.payoutRequests(deposit.idempotencyKey()))
                .hasSize(2)
                .allMatch(request -> request.path("idempotencyKey").asString().equals(deposit.idempotencyKey()));
        assertThat(CIRCLE.payoutsMade(deposit.idempotencyKey())).isEqualTo(1);
        assertThat(depositRow(deposit.id()))
                .containsEntry(
                        "off_ramp_transfer_id",
                        CIRCLE.payout(deposit.idempotencyKey()).id());
        assertThat(statusesAnnounced(deposit)).containsExactly("CONFIRMED_ON_CHAIN@1", "OFF_RAMP_INITIATED@2");
    }

    @Test
    void aSubCentAmountIsPaidOutRoundedDownAndTheRemainderStaysVisibleInTheLedger() {
        ConfirmedDeposit deposit = confirmedDeposit("125.123456");
        runner.drain().block(TIMEOUT);

        assertThat(CIRCLE.payoutRequests(deposit.idempotencyKey()))
                .singleElement()
                .satisfies(request -> assertThat(
                                request.path("amount").path("amount").asString())
                        .isEqualTo("125.12"));
        assertThat(pending(deposit.id())).isEqualByComparingTo("125.12");
        assertThat(posted(deposit.id(), "partner_clearing", "dust")).isEqualByComparingTo("0.003456");
        assertBalance(deposit, "125.12", "0.00");

        String notificationId = UUID.randomUUID().toString();
        deliver(signed(payouts(
                notificationId, CircleTestDouble.payoutIdFor(deposit.idempotencyKey()), "complete", "125.12", null)));
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        assertThat(posted(deposit.id(), "partner_clearing", "broker_in_transit"))
                .isEqualByComparingTo("-125.12");
        // what Circle still holds of the deposit is exactly the dust
        assertThat(posted(deposit.id(), "partner_clearing", "circle")).isEqualByComparingTo("-0.003456");
        assertThat(pending(deposit.id())).isEqualByComparingTo("125.12");
        assertLedgerBalanced();
    }

    @Test
    void aCommandThatKeepsFailingIsGivenUpVisibleInTheMetricAndTheDepositStays() {
        ConfirmedDeposit deposit = confirmedDeposit("9");
        CIRCLE.answerPayouts503(1000);

        await().atMost(EVENTUALLY).until(() -> {
            runner.drain().block(TIMEOUT);
            return "failed"
                    .equals(command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP).get("state"));
        });
        assertThat(command(deposit.id(), SagaCommand.INITIATE_OFF_RAMP)).containsEntry("attempts", 3);
        assertThat(depositRow(deposit.id())).containsEntry("status", "confirmed_on_chain");
        assertThat(CIRCLE.payoutsMade(deposit.idempotencyKey())).isZero();

        runner.refreshMetrics().block(TIMEOUT);
        PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + port);
        assertThat(scrape.value(
                        "stack_saga_commands", "saga", "deposit", "command", "INITIATE_OFF_RAMP", "state", "failed"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_saga_steps_seconds_count",
                        "saga",
                        "deposit",
                        "step",
                        "initiate_off_ramp",
                        "outcome",
                        "failure"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theDepositSagaItsPartnerAndItsWebhooksAreOnThePrometheusEndpoint() {
        ConfirmedDeposit deposit = confirmedDeposit("31");
        // the first attempt fails (three 503s: the client's attempts), the command's retry pays out
        CIRCLE.answerPayouts503(3);
        runner.drain().block(TIMEOUT);
        await().atMost(EVENTUALLY).until(() -> {
            runner.drain().block(TIMEOUT);
            return "off_ramp_initiated".equals(depositRow(deposit.id()).get("status"));
        });
        String payoutId = CircleTestDouble.payoutIdFor(deposit.idempotencyKey());
        assertThat(deliver(signed(
                        payouts(UUID.randomUUID().toString(), payoutId, "failed", "31.00", "insufficient_funds"))))
                .isEqualTo(HttpStatus.OK);
        await().atMost(EVENTUALLY)
                .until(() -> "failed".equals(depositRow(deposit.id()).get("status")));
        Delivery forged = signed(payouts(UUID.randomUUID().toString(), payoutId, "complete", "31.00", null));
        assertThat(deliver(new Delivery(forged.keyId(), CIRCLE.sign(KEY, "another body"), forged.body())))
                .isNotEqualTo(HttpStatus.OK);
        assertThat(deliver(new Delivery(null, null, forged.body()))).isEqualTo(HttpStatus.UNAUTHORIZED);
        reconciler.refreshMetrics().block(TIMEOUT);
        withdrawalReconciler.refreshMetrics().block(TIMEOUT);
        runner.refreshMetrics().block(TIMEOUT);
        consumerLag.refresh().block(TIMEOUT);

        PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + port);

        assertThat(scrape.value(
                        "stack_saga_steps_seconds_count",
                        "saga",
                        "deposit",
                        "step",
                        "initiate_off_ramp",
                        "outcome",
                        "retry"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_saga_steps_seconds_count",
                        "saga",
                        "deposit",
                        "step",
                        "initiate_off_ramp",
                        "outcome",
                        "success"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.samples(
                        "stack_saga_steps_seconds_bucket",
                        "saga",
                        "deposit",
                        "step",
                        "initiate_off_ramp",
                        "outcome",
                        "success"))
                .as("a latency histogram")
                .hasSizeGreaterThan(10);
        for (String status : List.of("confirmed_on_chain", "off_ramp_initiated", "failed")) {
            assertThat(scrape.value("stack_saga_transitions_total", "saga", "deposit", "status", status))
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(scrape.value("stack_saga_duration_seconds_count", "saga", "deposit", "outcome", "failed"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.samples("stack_saga_duration_seconds_bucket", "saga", "deposit", "outcome", "failed"))
                .hasSizeGreaterThan(10);
        for (String status :
                List.of("pending_confirmation", "confirmed_on_chain", "off_ramp_initiated", "off_ramp_complete")) {
            assertThat(scrape.value("stack_saga_stuck", "saga", "deposit", "status", status))
                    .isGreaterThanOrEqualTo(0);
            assertThat(scrape.value("stack_saga_oldest_age_seconds", "saga", "deposit", "status", status))
                    .isGreaterThanOrEqualTo(0);
        }
        for (String status : List.of("pending", "transfer_initiated", "compensating")) {
            assertThat(scrape.value("stack_saga_stuck", "saga", "withdrawal", "status", status))
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(scrape.value(
                        "stack_saga_commands", "saga", "deposit", "command", "INITIATE_OFF_RAMP", "state", "done"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_saga_commands",
                        "saga",
                        "withdrawal",
                        "command",
                        "SEND_WITHDRAWAL_TRANSFER",
                        "state",
                        "pending"))
                .isGreaterThanOrEqualTo(0);

        assertThat(scrape.value("stack_partner_calls_seconds_count", "partner", "circle-payouts", "outcome", "failure"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("stack_partner_calls_seconds_count", "partner", "circle-payouts", "outcome", "success"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.samples(
                        "stack_partner_calls_seconds_bucket", "partner", "circle-payouts", "outcome", "success"))
                .hasSizeGreaterThan(10);
        assertThat(scrape.value("resilience4j_circuitbreaker_state", "name", "circle-payouts", "state", "closed"))
                .isEqualTo(1);
        assertThat(scrape.value(
                        "resilience4j_retry_calls_total", "name", "circle-payouts", "kind", "successful_with_retry"))
                .isGreaterThanOrEqualTo(0);

        assertThat(scrape.value("stack_webhook_requests_total", "partner", "circle", "result", "accepted"))
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.value("stack_webhook_requests_total", "partner", "circle", "result", "bad_signature"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("stack_webhook_requests_total", "partner", "circle", "result", "missing_signature"))
                .isGreaterThanOrEqualTo(1);

        assertThat(scrape.samples("stack_events_consumer_lag")).isNotEmpty().allSatisfy(sample -> {
            assertThat(sample.labels()).containsKeys("consumer", "topic", "service", "instance");
            assertThat(sample.value()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void aPayoutCanBeReadBackForTheReconcilerAndAnUnknownOneIsRefused() {
        ConfirmedDeposit deposit = confirmedDeposit("12.5");
        runner.drain().block(TIMEOUT);
        String payoutId = CircleTestDouble.payoutIdFor(deposit.idempotencyKey());

        assertThat(offRamp.status(payoutId).block(TIMEOUT))
                .isEqualTo(new OffRamp.OffRampTransfer(payoutId, OffRamp.Status.PENDING));
        assertThatThrownBy(() -> offRamp.status(UUID.randomUUID().toString()).block(TIMEOUT))
                .isInstanceOf(OffRamp.OffRampRefusedException.class)
                .hasMessageContaining("HTTP 404");
    }
}
