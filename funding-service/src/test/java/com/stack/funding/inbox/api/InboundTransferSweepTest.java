package com.stack.funding.inbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.stack.funding.deposit.adapters.DepositRepository;
import com.stack.funding.deposit.adapters.SweepWatermarkRepository;
import com.stack.funding.deposit.app.InboundTransferListing;
import com.stack.funding.deposit.app.InboundTransferSweep;
import com.stack.funding.inbox.adapters.PartnerInboxRepository;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.partner.adapters.circle.CircleNotifications;
import com.stack.funding.shared.domain.Partners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;

/**
 * The sweep over Circle's list of inbound transactions, in the service against its database, with the list
 * played by the test (the adapter that reads Circle's is tested against the partner sandbox): a transfer Circle
 * never notified becomes a deposit, credited once even when the notification comes late; one already taken is
 * left alone; a pending deposit moves when the list shows it final; the watermark waits for pending transfers.
 */
class InboundTransferSweepTest extends CircleWebhookTest {

    static final InboundTransferSweep.Settings SETTINGS = new InboundTransferSweep.Settings(
            false, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofHours(24));
    static final String WATERMARK = "circle.inbound";

    @Autowired
    DepositRepository deposits;

    @Autowired
    PartnerInboxRepository inbox;

    @Autowired
    SweepWatermarkRepository watermarks;

    @Autowired
    DepositIntakeMetrics metrics;

    final Instant now = Instant.parse("2026-12-07T12:00:00Z");
    final FakeListing circle = new FakeListing();
    InboundTransferSweep sweep;

    @BeforeEach
    void sweep() {
        db.sql("DELETE FROM partner_sweep_watermarks WHERE name = '" + WATERMARK + "'")
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        sweep = new InboundTransferSweep(
                circle,
                deposits,
                inbox,
                watermarks,
                processor::wake,
                metrics,
                SETTINGS,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTransferCircleNeverNotifiedIsCreditedOnceAndItsLateNotificationChangesNothing() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String transactionId = UUID.randomUUID().toString();
        circle.list(transactionId, user.address(), "75.250000", tx, "COMPLETE", now.minusSeconds(600));

        assertThat(sweep.sweep().block(TIMEOUT)).isEqualTo(1);

        assertThat(processed("list:" + transactionId + ":COMPLETE").outcome()).isEqualTo("applied");
        Object depositId = deposit(tx).get("id");
        assertThat(deposit(tx)).containsEntry("status", "confirmed_on_chain").containsEntry("user_id", user.userId());
        assertThat(journalsOf(depositId)).isEqualTo(1);

        // the notification Circle gave up on arrives after all: nothing more is credited
        String late = UUID.randomUUID().toString();
        assertThat(deliver(signed(
                        inbound(late, Instant.now(), "ETH-SEPOLIA", user.address(), "75.250000", tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);
        assertThat(processed(late).outcome()).isEqualTo("ignored");
        // and the list read again stores nothing
        assertThat(sweep.sweep().block(TIMEOUT)).isZero();
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(journalsOf(depositId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id LIKE 'list:" + transactionId + "%'"))
                .isEqualTo(1);
    }

    @Test
    void aTransferAlreadyTakenFromItsNotificationIsNotStoredAgain() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        deliver(signed(inbound(notificationId, Instant.now(), "ETH-SEPOLIA", user.address(), "20", tx, "COMPLETE")));
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        String transactionId = UUID.randomUUID().toString();
        circle.list(transactionId, user.address(), "20", tx, "COMPLETE", now.minusSeconds(300));

        assertThat(sweep.sweep().block(TIMEOUT)).isZero();

        assertThat(count("SELECT count(*) FROM partner_inbox WHERE event_id LIKE 'list:" + transactionId + "%'"))
                .isZero();
        assertThat(depositsOf(tx)).isEqualTo(1);
    }

    @Test
    void aDepositWaitingForItsConfirmationMovesWhenTheListShowsItComplete() {
        UserWallet user = userWithWallet();
        String tx = txHash();
        String notificationId = UUID.randomUUID().toString();
        deliver(signed(inbound(notificationId, Instant.now(), "ETH-SEPOLIA", user.address(), "15", tx, "SENT")));
        assertThat(processed(notificationId).outcome()).isEqualTo("applied");
        assertThat(deposit(tx)).containsEntry("status", "pending_confirmation");
        String transactionId = UUID.randomUUID().toString();
        // still SENT in Circle's list: nothing to take yet
        circle.list(transactionId, user.address(), "15", tx, "SENT", now.minusSeconds(900));
        assertThat(sweep.sweep().block(TIMEOUT)).isZero();

        // its COMPLETE notification is lost; the list shows it
        circle.listed.clear();
        circle.list(transactionId, user.address(), "15", tx, "COMPLETE", now.minusSeconds(900));
        assertThat(sweep.sweep().block(TIMEOUT)).isEqualTo(1);

        assertThat(processed("list:" + transactionId + ":COMPLETE").outcome()).isEqualTo("applied");
        assertThat(deposit(tx)).containsEntry("status", "confirmed_on_chain");
        assertThat(journalsOf(deposit(tx).get("id"))).isEqualTo(1);
    }

    @Test
    void theWatermarkWaitsForATransferNotFinalYetAndNeverLagsBeyondTheLookback() {
        // the first pass reads the whole lookback, up to settle ago; a transfer still pending at Circle holds the
        // watermark at its creation
        Instant pendingSince = now.minusSeconds(1_000);
        circle.list(UUID.randomUUID().toString(), ethereumAddress(), "1", null, "INITIATED", pendingSince);
        circle.list(
                UUID.randomUUID().toString(),
                userWithWallet().address(),
                "1",
                txHash(),
                "QUEUED",
                now.minusSeconds(500));
        sweep.sweep().block(TIMEOUT);
        assertThat(circle.asked)
                .containsExactly(new Span(now.minus(Duration.ofHours(24)), now.minus(Duration.ofMinutes(2))));
        assertThat(watermarks.find(WATERMARK).block(TIMEOUT)).isEqualTo(pendingSince);

        // the next pass reads from there; the watermark never moves back
        circle.listed.clear();
        circle.asked.clear();
        sweep.sweep().block(TIMEOUT);
        assertThat(circle.asked).containsExactly(new Span(pendingSince, now.minus(Duration.ofMinutes(2))));
        assertThat(watermarks.find(WATERMARK).block(TIMEOUT)).isEqualTo(now.minus(Duration.ofMinutes(2)));
        watermarks.advance(WATERMARK, pendingSince).block(TIMEOUT);
        assertThat(watermarks.find(WATERMARK).block(TIMEOUT)).isEqualTo(now.minus(Duration.ofMinutes(2)));

        // a watermark older than the lookback reads from the lookback on
        db.sql("UPDATE partner_sweep_watermarks SET watermark = '2026-11-01T00:00:00Z' WHERE name = '" + WATERMARK
                        + "'")
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        circle.asked.clear();
        sweep.sweep().block(TIMEOUT);
        assertThat(circle.asked)
                .containsExactly(new Span(now.minus(Duration.ofHours(24)), now.minus(Duration.ofMinutes(2))));
    }

    @Test
    void aPassThatCannotAskCircleStoresNothingAndLeavesTheWatermark() {
        watermarks.advance(WATERMARK, now.minusSeconds(3_600)).block(TIMEOUT);
        circle.failing = true;

        assertThatThrownBy(() -> sweep.sweep().block(TIMEOUT)).isInstanceOf(PartnerCallException.class);

        assertThat(watermarks.find(WATERMARK).block(TIMEOUT)).isEqualTo(now.minusSeconds(3_600));
    }

    record Span(Instant from, Instant to) {}

    /** Circle's list of inbound transactions, as the test sets it. */
    static final class FakeListing implements InboundTransferListing {

        final List<Listed> listed = new ArrayList<>();
        final List<Span> asked = new ArrayList<>();
        volatile boolean failing;

        void list(String transactionId, String address, String amount, String txHash, String state, Instant created) {
            String payload = CircleWebhookTest.inbound(
                            "list:" + transactionId + ":" + state,
                            created,
                            "ETH-SEPOLIA",
                            address,
                            amount,
                            txHash == null ? "" : txHash,
                            state)
                    .replace("\"txHash\":\"\",", "");
            CircleNotifications.InboundReading reading = CircleNotifications.inboundTransaction(payload);
            listed.add(new Listed(
                    new PartnerInbox.Notification(
                            "list:" + transactionId + ":" + state, CircleNotifications.INBOUND_TRANSACTION, payload),
                    reading instanceof CircleNotifications.Transfer transfer ? transfer.transfer() : null,
                    List.of("INITIATED", "QUEUED", "CLEARED", "SENT", "STUCK").contains(state),
                    created));
        }

        @Override
        public String partner() {
            return Partners.CIRCLE;
        }

        @Override
        public Flux<Listed> inbound(Instant from, Instant to) {
            asked.add(new Span(from, to));
            if (failing) {
                return Flux.error(PartnerCallException.unavailable("Circle is down", null));
            }
            return Flux.fromIterable(List.copyOf(listed))
                    .filter(listed -> !listed.createdAt().isBefore(from)
                            && !listed.createdAt().isAfter(to));
        }
    }
}
