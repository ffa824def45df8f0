package com.stack.aicfo.facts.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.stack.aicfo.AicfoServiceTest;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.facts.domain.SummaryFacts.Flows;
import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import com.stack.contracts.events.Topics;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.contracts.events.v1.WithdrawalStatusChanged;
import com.stack.defaults.messaging.EventCodec;
import com.stack.defaults.messaging.MessagingProperties;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * aicfo's read model fed by the real broker, through the idempotent consumer: every event delivered twice, and a
 * status announced again under a new event id, counts once; the facts collected from it are exact.
 */
class FactsFromEventsTest extends AicfoServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    MessageTransport transport;

    @Autowired
    EventCodec codec;

    @Autowired
    MessagingProperties messaging;

    @Autowired
    FactsCollector collector;

    @Autowired
    DatabaseClient db;

    /** Sends the event twice (the same record: a redelivery) onto its contract topic of this run. */
    void deliverTwice(String contractTopic, EventEnvelope<?> event) {
        OutgoingMessage message = new OutgoingMessage(
                messaging.topic(contractTopic),
                event.subject(),
                codec.payloadJson(event.data()).getBytes(StandardCharsets.UTF_8),
                codec.headers(event),
                0);
        assertThat(transport
                        .send(Flux.fromIterable(Collections.nCopies(2, message)))
                        .collectList()
                        .block(TIMEOUT))
                .hasSize(2)
                .allMatch(outcome -> outcome.succeeded());
    }

    static <T extends EventPayload> EventEnvelope<T> event(T data) {
        return EventEnvelope.of("/test", data);
    }

    long count(String sql, UUID user) {
        return db.sql(sql)
                .bind("user", user)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void eventsDeliveredTwiceCountOnce() {
        UUID user = UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = Instant.now();
        UUID deposit = UUID.randomUUID();
        List<EventEnvelope<?>> funding = List.of(
                event(new DepositStatusChanged(user, deposit, "BROKER_FUNDED", "200.004000", "USDC", 5, now)),
                // the same deposit's credit announced again under a new event id
                event(new DepositStatusChanged(user, deposit, "BROKER_FUNDED", "200.004000", "USDC", 5, now)),
                event(new WithdrawalStatusChanged(user, UUID.randomUUID(), "COMPLETE", "40.10", "USD", null, 8, now)),
                event(new BuyingPowerChanged(user, "159.900000", "0", "0", 12, now)));
        EventEnvelope<OrderStatusChanged> order = event(new OrderStatusChanged(
                user, UUID.randomUUID(), "FILLED", "BASKET", null, "BUY", "100.00", "99.98", null, null, 6, now));
        EventEnvelope<UserRegistered> registered =
                event(new UserRegistered(user, "grace@example.com", "+15550101", now));

        funding.forEach(e -> deliverTwice(Topics.FUNDING, e));
        deliverTwice(Topics.INVESTING, order);
        deliverTwice(Topics.ONBOARDING, registered);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM activity WHERE user_id = :user", user))
                    .isEqualTo(3);
            assertThat(count("SELECT count(*) FROM buying_power_changes WHERE user_id = :user", user))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM users WHERE user_id = :user", user))
                    .isEqualTo(1);
        });
        // nothing more arrives later from the second deliveries
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM activity WHERE user_id = :user", user))
                        .isEqualTo(3));

        SummaryFacts facts = collector
                .collect(user, SummaryFacts.Kind.ON_DEMAND, today.minusDays(1), today)
                .block(TIMEOUT);
        assertThat(facts.deposits()).isEqualTo(new Flows(1, new BigDecimal("200.00")));
        assertThat(facts.withdrawals()).isEqualTo(new Flows(1, new BigDecimal("40.10")));
        assertThat(facts.ordersFilled()).isEqualTo(1);
        assertThat(facts.boughtUsd()).isEqualTo(new BigDecimal("99.98"));
        assertThat(facts.soldUsd()).isEqualTo(new BigDecimal("0.00"));
        assertThat(facts.buyingPowerUsd()).isEqualTo(new BigDecimal("159.90"));
        // no personal data is kept: the user row holds no email or phone number
        assertThat(db.sql("SELECT * FROM users WHERE user_id = :user")
                        .bind("user", user)
                        .fetch()
                        .one()
                        .block(TIMEOUT))
                .doesNotContainValue("grace@example.com")
                .doesNotContainValue("+15550101");
    }

    @Test
    void aProfileDeliveredTwiceIsKeptOnceAndAnOlderOneChangesNothing() {
        UUID user = UUID.randomUUID();
        Instant changed = Instant.parse("2026-03-02T10:00:00Z");
        EventEnvelope<ProfileUpdated> auckland =
                event(new ProfileUpdated(user, "+6421555012", "Kiri", "Pacific/Auckland", changed));
        EventEnvelope<ProfileUpdated> older =
                event(new ProfileUpdated(user, null, "Kiri", "America/Los_Angeles", changed.minusSeconds(1)));
        EventEnvelope<ProfileUpdated> newer =
                event(new ProfileUpdated(user, null, "Kiri", "America/Los_Angeles", changed.plusNanos(1_000)));

        deliverTwice(Topics.ONBOARDING, auckland);
        deliverTwice(Topics.ONBOARDING, older);
        await().atMost(TIMEOUT).until(() -> processed(older.id()));
        assertThat(count("SELECT count(*) FROM users WHERE user_id = :user", user))
                .isEqualTo(1);
        assertThat(collector.zoneOf(user).block(TIMEOUT)).isEqualTo(ZoneId.of("Pacific/Auckland"));
        // no personal data is kept from the profile either
        assertThat(db.sql("SELECT * FROM users WHERE user_id = :user")
                        .bind("user", user)
                        .fetch()
                        .one()
                        .block(TIMEOUT))
                .doesNotContainValue("+6421555012")
                .doesNotContainValue("Kiri");

        deliverTwice(Topics.ONBOARDING, newer);
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(collector.zoneOf(user).block(TIMEOUT)).isEqualTo(ZoneId.of("America/Los_Angeles")));
    }

    @Test
    void aProfileWithAZoneThatCannotBeAppliedIsDeadLetteredAndTheZoneStays() {
        UUID user = UUID.randomUUID();
        deliverTwice(Topics.ONBOARDING, event(new ProfileUpdated(user, null, null, "Europe/Paris", Instant.now())));
        EventEnvelope<ProfileUpdated> unknown = event(new ProfileUpdated(
                user, null, null, "Mars/Olympus", Instant.now().plusSeconds(1)));
        deliverTwice(Topics.ONBOARDING, unknown);
        EventEnvelope<ProfileUpdated> after = event(
                new ProfileUpdated(user, null, null, "Asia/Tokyo", Instant.now().plusSeconds(2)));
        deliverTwice(Topics.ONBOARDING, after);

        await().atMost(TIMEOUT).until(() -> processed(after.id()));
        assertThat(processed(unknown.id())).isFalse();
        assertThat(collector.zoneOf(user).block(TIMEOUT)).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    boolean processed(UUID eventId) {
        return db.sql("SELECT count(*) FROM processed_events WHERE event_id = :id")
                        .bind("id", eventId)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(TIMEOUT)
                > 0;
    }
}
