package com.stack.funding.inbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.WalletCreated;
import com.stack.funding.CircleTestDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Circle's webhook end to end in the service: signed deliveries from the Circle test double, the wallet
 * address book fed by WalletCreated over the real broker, the inbox, the deposit, the ledger, the outbox
 * and the balance through GraphQL.
 */
class CircleDepositIntakeTest extends CircleWebhookTest {

    // --- the behaviour ---

    @Test
    void aConfirmedInboundTransferBecomesAConfirmedDepositPostedToTheLedgerAndAnnounced() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();

        assertThat(deliver(signed(inbound(
                        notificationId, Instant.now(), "ETH-SEPOLIA", user.address(), "125.000000", tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);

        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        Map<String, Object> deposit = deposit(tx);
        assertThat(deposit)
                .containsEntry("user_id", user.userId())
                .containsEntry("status", "confirmed_on_chain")
                .containsEntry("version", 1L);
        assertThat((BigDecimal) deposit.get("amount_stablecoin")).isEqualByComparingTo("125");
        Object depositId = deposit.get("id");

        // one journal, balanced: the user's pending deposit against Circle's clearing account
        List<Map<String, Object>> entries = db.sql(
                        "SELECT a.kind, a.user_id, a.partner, a.currency, e.amount"
                                + " FROM ledger_entries e JOIN ledger_journal j ON j.id = e.journal_id"
                                + " JOIN ledger_accounts a ON a.id = e.account_id WHERE j.reference = :reference ORDER BY e.amount")
                .bind("reference", "deposit:" + depositId + ":confirmed_on_chain")
                .fetch()
                .all()
                .collectList()
                .block(TIMEOUT);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0))
                .containsEntry("kind", "partner_clearing")
                .containsEntry("partner", "circle")
                .containsEntry("currency", "USD");
        assertThat(entries.get(1))
                .containsEntry("kind", "user_pending_deposit")
                .containsEntry("user_id", user.userId())
                .containsEntry("currency", "USD");
        assertThat(entries.stream().map(e -> (BigDecimal) e.get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0");
        assertThat((BigDecimal) entries.get(1).get("amount")).isEqualByComparingTo("125");
        assertThat(count("SELECT count(*) FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id"
                        + " HAVING SUM(amount) <> 0) unbalanced"))
                .isZero();

        // the user sees it, and only the user
        as(user.subject())
                .document(BALANCE_OF_USER)
                .variable("representations", userRepresentations(user.userId()))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].balance.pendingDepositsUsd")
                .entity(String.class)
                .isEqualTo("125.00")
                .path("_entities[0].balance.buyingPowerUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].deposits.edges[0].node.id")
                .entity(String.class)
                .isEqualTo(depositId.toString())
                .path("_entities[0].deposits.edges[0].node.status")
                .entity(String.class)
                .isEqualTo("CONFIRMED_ON_CHAIN")
                .path("_entities[0].deposits.edges[0].node.txHash")
                .entity(String.class)
                .isEqualTo(tx)
                .path("_entities[0].deposits.edges[0].node.amountUsdc")
                .entity(String.class)
                .isEqualTo("125.000000");

        // announced in the same transaction
        List<JsonNode> events = depositEvents(user.userId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("depositId").asString()).isEqualTo(depositId.toString());
        assertThat(events.get(0).path("status").asString()).isEqualTo("CONFIRMED_ON_CHAIN");
        assertThat(events.get(0).path("amount").asString()).isEqualTo("125.000000");
        assertThat(events.get(0).path("currency").asString()).isEqualTo("USDC");
        assertThat(events.get(0).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void theSameNotificationDeliveredFiveTimesMakesOneDepositAndOneJournal() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        Delivery delivery =
                signed(inbound(notificationId, Instant.now(), "ETH", user.address(), "40.5", tx, "CONFIRMED"));

        List<HttpStatus> answers = Flux.range(0, 5)
                .flatMap(i -> deliverAsync(delivery))
                .collectList()
                .block(TIMEOUT);
        assertThat(answers).hasSize(5).containsOnly(HttpStatus.OK);
        InboxRow row = processed(notificationId);
        assertThat(row.outcome()).isEqualTo("applied");
        assertThat(deliver(delivery)).isEqualTo(HttpStatus.OK);

        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId + "'"))
                .isEqualTo(1);
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(journalsOf(deposit(tx).get("id"))).isEqualTo(1);
        assertThat(depositEvents(user.userId())).hasSize(1);
    }

    @Test
    void reportsOfOneTransferNeverMoveItsDepositBackwardsNorPostItTwice() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        Instant now = Instant.now();

        String sent = UUID.randomUUID().toString();
        deliver(signed(inbound(sent, now, "ETH", user.address(), "10", tx, "SENT")));
        assertThat(processed(sent).outcome()).isEqualTo("applied");
        assertThat(deposit(tx)).containsEntry("status", "pending_confirmation").containsEntry("version", 1L);
        assertThat(journalsOf(deposit(tx).get("id"))).isZero();

        String confirmed = UUID.randomUUID().toString();
        deliver(signed(inbound(confirmed, now, "ETH", user.address(), "10", tx, "CONFIRMED")));
        assertThat(processed(confirmed).outcome()).isEqualTo("applied");
        assertThat(deposit(tx)).containsEntry("status", "confirmed_on_chain").containsEntry("version", 2L);

        // Circle's COMPLETE after CONFIRMED, then a late SENT: nothing moves
        for (String state : List.of("COMPLETE", "SENT")) {
            String late = UUID.randomUUID().toString();
            deliver(signed(inbound(late, now, "ETH", user.address(), "10", tx, state)));
            InboxRow row = processed(late);
            assertThat(row.outcome()).isEqualTo("ignored");
            assertThat(row.detail()).contains("unchanged");
        }
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(deposit(tx)).containsEntry("status", "confirmed_on_chain").containsEntry("version", 2L);
        assertThat(journalsOf(deposit(tx).get("id"))).isEqualTo(1);
        assertThat(depositEvents(user.userId()))
                .extracting(event -> event.path("status").asString() + "@"
                        + event.path("version").asLong())
                .containsExactly("PENDING_CONFIRMATION@1", "CONFIRMED_ON_CHAIN@2");
    }

    /** Deliveries that are not provably Circle's, or are replays. */
    enum Forgery {
        GARBAGE_SIGNATURE,
        SIGNED_BY_ANOTHER_KEY,
        NAMES_ANOTHER_CIRCLE_KEY,
        NAMES_A_KEY_CIRCLE_DOES_NOT_HAVE,
        NAMES_NO_KEY,
        NOT_A_KEY_ID,
        BODY_TAMPERED_AFTER_SIGNING,
        STALE_TIMESTAMP,
        TIMESTAMP_FROM_THE_FUTURE;

        Delivery of(String notificationId, String address, String tx) {
            Instant now = Instant.now();
            String body = inbound(notificationId, now, "ETH", address, "99", tx, "COMPLETE");
            return switch (this) {
                case GARBAGE_SIGNATURE ->
                    new Delivery(KEY, java.util.Base64.getEncoder().encodeToString(new byte[71]), body);
                case SIGNED_BY_ANOTHER_KEY ->
                    new Delivery(KEY, CircleTestDouble.sign(CircleTestDouble.strangerKey(), body), body);
                case NAMES_ANOTHER_CIRCLE_KEY -> new Delivery(CIRCLE.newKey(), CIRCLE.sign(KEY, body), body);
                case NAMES_A_KEY_CIRCLE_DOES_NOT_HAVE ->
                    new Delivery(UUID.randomUUID().toString(), CIRCLE.sign(KEY, body), body);
                case NAMES_NO_KEY -> new Delivery(null, CIRCLE.sign(KEY, body), body);
                case NOT_A_KEY_ID -> new Delivery("../../v1/w3s/wallets", CIRCLE.sign(KEY, body), body);
                case BODY_TAMPERED_AFTER_SIGNING ->
                    new Delivery(KEY, CIRCLE.sign(KEY, body), body.replace("\"99\"", "\"9999\""));
                case STALE_TIMESTAMP ->
                    signed(inbound(
                            notificationId, now.minus(Duration.ofMinutes(6)), "ETH", address, "99", tx, "COMPLETE"));
                case TIMESTAMP_FROM_THE_FUTURE ->
                    signed(inbound(
                            notificationId, now.plus(Duration.ofMinutes(6)), "ETH", address, "99", tx, "COMPLETE"));
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aDeliveryThatIsNotProvablyCirclesOrIsAReplayIsRefusedAndNothingIsStored(Forgery forgery) {
        String address = ethereumAddress();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        // the address is a user's: only the check stands between the forgery and a deposit
        db.sql("INSERT INTO known_wallets (wallet_id, user_id, chain, address, created_at)"
                        + " VALUES (:wallet, :user, 'ethereum', :address, now())")
                .bind("wallet", UUID.randomUUID())
                .bind("user", UUID.randomUUID())
                .bind("address", address)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);

        assertThat(deliver(forgery.of(notificationId, address, tx))).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId + "'"))
                .isZero();
        assertThat(depositsOf(tx)).isZero();
    }

    @Test
    void aLateRetryOfAStoredNotificationIsAcknowledgedWithoutASecondEffect() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        assertThat(deliver(signed(inbound(notificationId, Instant.now(), "ETH", user.address(), "3", tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);
        processed(notificationId);

        // Circle retrying it after our answer was lost, by now older than the window: acknowledged, so the
        // retries stop, and not stored or applied again
        Delivery late = signed(inbound(
                notificationId,
                Instant.now().minus(Duration.ofMinutes(10)),
                "ETH",
                user.address(),
                "3",
                tx,
                "COMPLETE"));
        assertThat(deliver(late)).isEqualTo(HttpStatus.OK);
        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId + "'"))
                .isEqualTo(1);
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(journalsOf(deposit(tx).get("id"))).isEqualTo(1);
    }

    @Test
    void aNewKeyIdIsFetchedFromCircleOnceAndThenServedFromTheCache() {
        UserWallet user = userWithWallet();
        String rotated = CIRCLE.newKey();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String notificationId = UUID.randomUUID().toString();
            ids.add(notificationId);
            String body = inbound(notificationId, Instant.now(), "ETH", user.address(), "1.5", txHash(), "COMPLETE");
            assertThat(deliver(new Delivery(rotated, CIRCLE.sign(rotated, body), body)))
                    .isEqualTo(HttpStatus.OK);
        }

        assertThat(CIRCLE.requestsFor(rotated)).isEqualTo(1);
        ids.forEach(id -> assertThat(processed(id).outcome()).isEqualTo("applied"));
    }

    @Test
    void whenCircleCannotServeTheKeyTheDeliveryIsRefusedForRetryAndTheFailureIsNotCached() {
        UserWallet user = userWithWallet();
        String rotated = CIRCLE.newKey();
        String notificationId = UUID.randomUUID().toString();
        String body = inbound(notificationId, Instant.now(), "ETH", user.address(), "2", txHash(), "COMPLETE");
        Delivery delivery = new Delivery(rotated, CIRCLE.sign(rotated, body), body);

        CIRCLE.failFor(rotated, true);
        assertThat(deliver(delivery)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId + "'"))
                .isZero();
        int attempts = CIRCLE.requestsFor(rotated);
        assertThat(attempts).as("a failing key fetch is retried").isGreaterThan(1);

        CIRCLE.failFor(rotated, false);
        assertThat(deliver(delivery)).isEqualTo(HttpStatus.OK);
        assertThat(CIRCLE.requestsFor(rotated)).isEqualTo(attempts + 1);
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
    }

    @Test
    void anAmountWithMoreThanSixDecimalsFailsTheNotificationAndMovesNothing() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();

        assertThat(deliver(signed(
                        inbound(notificationId, Instant.now(), "ETH", user.address(), "125.1234567", tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);

        InboxRow row = processed(notificationId);
        assertThat(row.outcome()).isEqualTo("failed");
        assertThat(row.detail()).isEqualTo("amount 125.1234567 has more than 6 decimals");
        assertThat(depositsOf(tx)).isZero();
        assertThat(depositEvents(user.userId())).isEmpty();
    }

    @Test
    void aTransferOfAnotherTokenThanUsdcIsIgnoredAndNeverCredited() {
        UserWallet user = userWithWallet();
        // anyone can send any token to a deposit address: Circle reports it like USDC, with its own token id
        String worthless = UUID.randomUUID().toString();
        String mainnetUsdc = "b037d751-fb22-5f0d-bae6-47373e7ae3e3"; // USDC on ETH, not the deployment's chain
        for (String token : List.of(worthless, mainnetUsdc)) {
            String tx = txHash();
            String notificationId = UUID.randomUUID().toString();

            assertThat(deliver(signed(inbound(
                            notificationId,
                            Instant.now(),
                            "ETH-SEPOLIA",
                            token,
                            user.address(),
                            "1000000",
                            tx,
                            "COMPLETE"))))
                    .isEqualTo(HttpStatus.OK);

            InboxRow row = processed(notificationId);
            assertThat(row.outcome()).isEqualTo("ignored");
            assertThat(row.detail())
                    .isEqualTo("token " + token + " is not USDC on ethereum (" + USDC_ON_ETHEREUM + "); not credited");
            assertThat(depositsOf(tx)).isZero();
        }
        assertThat(meters.get("stack.funding.inbox.processed")
                        .tags("outcome", "ignored", "reason", "unsupported_token")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
        assertThat(depositEvents(user.userId())).isEmpty();
        as(user.subject())
                .document(BALANCE_OF_USER)
                .variable("representations", userRepresentations(user.userId()))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].balance.pendingDepositsUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].balance.buyingPowerUsd")
                .entity(String.class)
                .isEqualTo("0.00");
    }

    @Test
    void aTransferToAnAddressNotKnownYetWaitsAndIsAppliedOnceWhenItsWalletCreatedArrives() {
        String address = ethereumAddress();
        String tx = txHash();
        String sent = UUID.randomUUID().toString();
        String complete = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Delivery completed = signed(inbound(complete, now, "ETH", address, "70", tx, "COMPLETE"));

        // Circle's reports of the transfer come before the wallet service's WalletCreated (late, or dead-lettered)
        assertThat(deliver(signed(inbound(sent, now, "ETH", address, "70", tx, "SENT"))))
                .isEqualTo(HttpStatus.OK);
        assertThat(deliver(completed)).isEqualTo(HttpStatus.OK);
        awaitingWallet(sent, address);
        awaitingWallet(complete, address);
        assertThat(deliver(completed)).as("Circle's retry").isEqualTo(HttpStatus.OK);
        assertThat(depositsOf(tx)).isZero();
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(meters.get("stack.funding.deposits.awaiting_wallet")
                            .gauge()
                            .value())
                    .isGreaterThanOrEqualTo(2);
            assertThat(meters.get("stack.funding.deposits.awaiting_wallet.oldest.age")
                            .gauge()
                            .value())
                    .isGreaterThan(0);
        });

        UserWallet user = userWithWallet(address);

        // both applied in one pass, in either order (a late SENT leaves the confirmed deposit unchanged)
        assertThat(processed(complete).outcome()).isEqualTo("applied");
        assertThat(processed(sent).outcome()).isIn("applied", "ignored");
        assertThat(depositsOf(tx)).isEqualTo(1);
        Map<String, Object> deposit = deposit(tx);
        assertThat(deposit).containsEntry("user_id", user.userId()).containsEntry("status", "confirmed_on_chain");
        Object depositId = deposit.get("id");
        Object version = deposit.get("version");
        // on its saga: posted as confirmed, and the off-ramp's command recorded
        assertThat(journalsOf(depositId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM saga_commands WHERE saga_id = '" + depositId
                        + "' AND command = 'INITIATE_OFF_RAMP'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM partner_inbox WHERE awaiting_address = '" + address + "'"))
                .isZero();

        // WalletCreated again (a repeat under a new event id) and Circle's retry: nothing changes
        EventEnvelope<WalletCreated> again = walletCreated(user.userId(), walletIdOf(address), address);
        announce(again);
        await().atMost(EVENTUALLY)
                .until(() -> count("SELECT count(*) FROM processed_events WHERE event_id = '" + again.id() + "'") == 1);
        assertThat(deliver(completed)).isEqualTo(HttpStatus.OK);
        processor.releaseAwaitingKnownWallets().block(TIMEOUT);
        processor.drain().block(TIMEOUT);
        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id IN ('" + sent + "', '" + complete + "')"))
                .isEqualTo(2);
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(deposit(tx)).containsEntry("version", version);
        assertThat(journalsOf(depositId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM saga_commands WHERE saga_id = '" + depositId + "'"))
                .isEqualTo(1);
        assertThat(depositEvents(user.userId()))
                .extracting(event -> event.path("status").asString())
                .hasSize(((Long) version).intValue())
                .last()
                .isEqualTo("CONFIRMED_ON_CHAIN");
    }

    @Test
    void aTransferWaitingForAWalletRecordedMeanwhileIsAppliedByTheNextSweep() {
        String address = ethereumAddress();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        assertThat(deliver(signed(inbound(notificationId, Instant.now(), "ETH", address, "12", tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);
        awaitingWallet(notificationId, address);

        // the wallet recorded without putting the transfer back, as a WalletCreated applied while the transfer was
        // being parked leaves it: the inbox processor's sweep finds the wallet
        UUID userId = UUID.randomUUID();
        db.sql("INSERT INTO known_wallets (wallet_id, user_id, chain, address, created_at)"
                        + " VALUES (:wallet, :user, 'ethereum', :address, now())")
                .bind("wallet", UUID.randomUUID())
                .bind("user", userId)
                .bind("address", address)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);

        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(deposit(tx)).containsEntry("user_id", userId).containsEntry("status", "confirmed_on_chain");
    }

    /** Waits until the notification is parked, unprocessed, waiting for the wallet of {@code address}. */
    void awaitingWallet(String notificationId, String address) {
        await().atMost(EVENTUALLY)
                .until(() -> count("SELECT count(*) FROM partner_inbox WHERE event_id = '"
                                + notificationId
                                + "' AND processed_at IS NULL AND awaiting_chain = 'ethereum' AND awaiting_address = '"
                                + address + "' AND awaiting_since IS NOT NULL")
                        == 1);
    }

    UUID walletIdOf(String address) {
        return db.sql("SELECT wallet_id FROM known_wallets WHERE chain = 'ethereum' AND address = :address")
                .bind("address", address)
                .map(row -> row.get("wallet_id", UUID.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void circlesSubscriptionCheckIsAnswered() {
        HttpStatus status = http.head()
                .uri("/webhooks/circle")
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(HttpStatus.valueOf(response.statusCode().value())))
                .block(TIMEOUT);
        assertThat(status).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aBodyOverTheLimitIsRefusedAsTooLarge() {
        String notificationId = UUID.randomUUID().toString();
        String body = inbound(notificationId, Instant.now(), "ETH", ethereumAddress(), "1", txHash(), "COMPLETE")
                .replace("\"nfts\":null", "\"padding\":\"" + "x".repeat(64 * 1024) + "\"");

        Delivery delivery = signed(body);
        assertThat(deliver(delivery)).as("declared length").isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        // chunked, with no length declared: refused once the limit is passed while reading
        HttpStatus chunked = http.post()
                .uri("/webhooks/circle")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Circle-Key-Id", delivery.keyId())
                .header("X-Circle-Signature", delivery.signature())
                .body(Flux.fromArray(body.split("(?<=\\G.{4096})")), String.class)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(HttpStatus.valueOf(response.statusCode().value())))
                .block(TIMEOUT);
        assertThat(chunked).as("chunked").isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId + "'"))
                .isZero();
    }

    @Test
    void aNotificationStoredButNeverProcessedIsProcessedOnceBySweepOrConcurrentPasses() {
        UserWallet user = userWithWallet();
        // as a crash right after the insert would leave it: stored, nobody woken
        String swept = UUID.randomUUID().toString();
        String sweptTx = txHash();
        storeDirectly(swept, inbound(swept, Instant.now(), "ETH", user.address(), "5", sweptTx, "COMPLETE"));
        InboxRow row = processed(swept);
        assertThat(row.outcome()).isEqualTo("applied");
        assertThat(row.attempts()).isEqualTo(1);

        // and with several processors racing for it (instances, the sweep): still once
        String raced = UUID.randomUUID().toString();
        String racedTx = txHash();
        storeDirectly(raced, inbound(raced, Instant.now(), "ETH", user.address(), "6", racedTx, "COMPLETE"));
        Flux.merge(processor.drain(), processor.drain(), processor.drain())
                .collectList()
                .block(TIMEOUT);
        assertThat(processed(raced).attempts()).isEqualTo(1);

        for (String tx : List.of(sweptTx, racedTx)) {
            assertThat(depositsOf(tx)).isEqualTo(1);
            assertThat(journalsOf(deposit(tx).get("id"))).isEqualTo(1);
        }
        assertThat(depositEvents(user.userId())).hasSize(2);
    }

    void storeDirectly(String notificationId, String body) {
        db.sql(
                        "INSERT INTO partner_inbox (partner, event_id, type, payload) VALUES ('circle', :id, 'transactions.inbound', :body)")
                .bind("id", notificationId)
                .bind("body", body)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }
}
