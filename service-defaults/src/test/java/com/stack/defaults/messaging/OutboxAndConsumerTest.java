package com.stack.defaults.messaging;

import static com.stack.defaults.messaging.KafkaTopicReader.header;
import static com.stack.defaults.messaging.KafkaTopicReader.keyIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.Topics;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox, its relay and the idempotent consumer against the real PostgreSQL and Kafka. The
 * relay does not start with the context: each test starts, stops ("crashes") and drains it itself.
 * Topics carry a suffix unique to this run.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "stack.database=placeholder",
            "spring.application.name=messaging-test",
            "spring.flyway.locations=classpath:db/messaging,classpath:db/messagingtest",
            "stack.messaging.publishes=true",
            "stack.messaging.relay.enabled=false",
            "stack.messaging.relay.sweep-interval=200ms",
            "stack.messaging.relay.lease=2s",
            "stack.messaging.consumer.initial-backoff=50ms",
            "stack.messaging.consumer.max-backoff=200ms"
        })
class OutboxAndConsumerTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String TOPIC = Topics.ONBOARDING + ".test-" + RUN;
    static final String GROUP = "messaging-test-" + RUN;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerInfrastructure(registry, "stack_messaging_test");
        registry.add("stack.messaging.topic-suffix", () -> ".test-" + RUN);
        registry.add("stack.messaging.consumer-group", () -> GROUP);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MessageTransport transport;

    @Autowired
    EventCodec codec;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MessagingMetrics metrics;

    @Autowired
    ProcessedEventsRetention processedEventsRetention;

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void relayPublishesCommittedRowsExactlyOnceInOrderPerKey() {
        relay.start();
        List<UUID> users = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int version = 1; version <= 10; version++) {
            for (UUID user : users) {
                append(change(user, "V" + version, version));
            }
        }

        List<ConsumerRecord<String, byte[]>> records = read(users, 40);

        assertThat(records).hasSize(40);
        assertThat(records.stream().map(r -> header(r, EventCodec.ID)).distinct())
                .hasSize(40);
        for (UUID user : users) {
            assertThat(records.stream()
                            .filter(r -> r.key().equals(user.toString()))
                            .map(r -> decode(r).data().version())
                            .toList())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(outboxStates(users)).containsOnlyKeys("published"));
        assertThat(sendCounts(users)).containsOnly(1);
    }

    /**
     * When the broker refuses one row, its key's later rows stay out of the producer for the rest of the
     * pass (a later event of the key must never reach the topic ahead of it) while other keys go on; the
     * refused row is retried after its backoff and the key's events end on the topic in order.
     */
    @Test
    void aKeyWhoseEventIsNotAcknowledgedSendsNothingMoreThisPassWhileOtherKeysGoOn() {
        UUID flowing = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        for (int version = 1; version <= 3; version++) {
            append(change(flowing, "V" + version, version));
            append(change(refused, "V" + version, version));
        }
        Set<String> keys = Set.of(flowing.toString(), refused.toString());
        List<String> handed = java.util.Collections.synchronizedList(new ArrayList<>());
        MessageTransport refusingV2 = sending(
                transport,
                messages -> messages.collectList().flatMapMany(list -> {
                    int bad = -1;
                    for (int i = 0; i < list.size(); i++) {
                        OutgoingMessage message = list.get(i);
                        if (keys.contains(message.key())) {
                            handed.add(message.key() + "/" + version(message));
                        }
                        if (bad < 0 && message.key().equals(refused.toString()) && version(message) == 2) {
                            bad = i;
                        }
                    }
                    if (bad < 0) {
                        return transport.send(Flux.fromIterable(list));
                    }
                    // what the transport promises: acknowledged up to the failure, then the error, nothing after
                    return transport
                            .send(Flux.fromIterable(list.subList(0, bad)))
                            .concatWith(Flux.error(new IllegalStateException("broker refused")));
                }));
        OutboxRelay failing = new OutboxRelay(
                db,
                transactions,
                refusingV2,
                codec,
                metrics,
                // a backoff longer than the test: the refused row is not claimed again by this drain's next pass
                new MessagingProperties.Relay(
                        false,
                        500,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10),
                        Duration.ofDays(7)));

        failing.drain().block();

        String refusedKey = refused.toString();
        String flowingKey = flowing.toString();
        assertThat(handed.stream().filter(sent -> sent.startsWith(refusedKey)))
                .containsExactly(refusedKey + "/1", refusedKey + "/2");
        assertThat(handed.stream().filter(sent -> sent.startsWith(flowingKey)))
                .containsExactly(flowingKey + "/1", flowingKey + "/2", flowingKey + "/3");
        assertThat(versionsInState(refused, "published")).containsExactly(1L);
        // V3 was claimed with the pass but never handed to the producer: it waits for V2's retry, after it
        assertThat(versionsInState(refused, "failed")).containsExactly(2L, 3L);
        assertThat(versionsInState(flowing, "published")).containsExactly(1L, 2L, 3L);

        // the backoff is over: the context's relay publishes what is left
        db.sql("UPDATE outbox_events SET next_attempt_at = now() WHERE partition_key = :key")
                .bind("key", refusedKey)
                .fetch()
                .rowsUpdated()
                .block();
        relay.start();
        List<ConsumerRecord<String, byte[]>> records = read(List.of(flowing, refused), 6);
        assertThat(records.stream()
                        .filter(r -> r.key().equals(refusedKey))
                        .map(r -> decode(r).data().version()))
                .containsExactly(1L, 2L, 3L);
        assertThat(records.stream()
                        .filter(r -> r.key().equals(flowingKey))
                        .map(r -> decode(r).data().version()))
                .containsExactly(1L, 2L, 3L);
    }

    /**
     * The next batch is claimed while the current one is sent, and that claim holds back the keys in flight:
     * with one row per batch, B's row is claimed while A's first row is still being sent (A's send waits for
     * it), and A's second row only after A's first is marked published.
     */
    @Test
    void theNextBatchIsClaimedWhileTheCurrentOneIsSentAndHoldsBackTheKeysInFlight() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        append(change(a, "V1", 1));
        append(change(a, "V2", 2));
        append(change(b, "V1", 1));
        Set<String> keys = Set.of(a.toString(), b.toString());
        List<String> handed = java.util.Collections.synchronizedList(new ArrayList<>());
        Mono<Boolean> bClaimed = Mono.defer(() -> db.sql("SELECT state FROM outbox_events WHERE partition_key = :key")
                        .bind("key", b.toString())
                        .map(row -> row.get("state", String.class))
                        .one())
                .filter("in_flight"::equals)
                .map(state -> true)
                .repeatWhenEmpty(attempts -> attempts.delayElements(Duration.ofMillis(20)))
                .timeout(Duration.ofSeconds(10));
        MessageTransport waitingForTheNextClaim = sending(
                transport,
                messages -> messages.collectList().flatMapMany(list -> {
                    list.stream()
                            .filter(message -> keys.contains(message.key()))
                            .forEach(message -> handed.add(message.key() + "/" + version(message)));
                    boolean aFirst = list.stream()
                            .anyMatch(message -> message.key().equals(a.toString()) && version(message) == 1);
                    return (aFirst ? bClaimed.then() : Mono.<Void>empty())
                            .thenMany(transport.send(Flux.fromIterable(list)));
                }));
        OutboxRelay oneRowAPass = new OutboxRelay(
                db,
                transactions,
                waitingForTheNextClaim,
                codec,
                metrics,
                new MessagingProperties.Relay(
                        false,
                        1,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofDays(7)));

        oneRowAPass.drain().block(TIMEOUT);

        assertThat(handed).containsExactly(a + "/1", b + "/1", a + "/2");
        assertThat(versionsInState(a, "published")).containsExactly(1L, 2L);
        assertThat(versionsInState(b, "published")).containsExactly(1L);
        assertThat(read(List.of(a), 2))
                .extracting(r -> decode(r).data().version())
                .containsExactly(1L, 2L);
    }

    /**
     * While a pass sends its row, its lease lapses and another instance claims the row again: the pass's outcome
     * is not its to record, and it marks nothing; the row stays in flight under the other claim.
     */
    @Test
    void aPassWhoseLeaseLapsedAndWhoseRowsWereReClaimedMarksNothing() {
        UUID user = UUID.randomUUID();
        append(change(user, "V1", 1));
        MessageTransport reClaimedWhileSending = sending(
                transport,
                messages -> messages.collectList()
                        .flatMapMany(list ->
                                // another instance's claim, taken once this one's lease lapsed (one statement, so no
                                // claim of this
                                // relay finds the row claimable in between)
                                db.sql(
                                                "UPDATE outbox_events SET claim_token = gen_random_uuid(), send_count = send_count + 1,"
                                                        + " claimed_until = now() + interval '30 seconds' WHERE partition_key = :key")
                                        .bind("key", user.toString())
                                        .fetch()
                                        .rowsUpdated()
                                        .thenMany(transport.send(Flux.fromIterable(list)))));
        OutboxRelay lapsing = new OutboxRelay(
                db,
                transactions,
                reClaimedWhileSending,
                codec,
                metrics,
                new MessagingProperties.Relay(
                        false,
                        500,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofDays(7)));

        lapsing.drain().block(TIMEOUT);

        assertThat(outboxStates(List.of(user))).containsOnly(Map.entry("in_flight", 1L));
        assertThat(sendCounts(List.of(user))).containsExactly(2);
    }

    /** stack-defaults opens every connection with {@code jit=off} (short statements never repay compiling them). */
    @Test
    void connectionsDoNotJitCompileQueries() {
        assertThat(db.sql("SHOW jit").map(row -> row.get(0, String.class)).one().block())
                .isEqualTo("off");
    }

    /** More expired rows than one deletion statement takes: all go, in batches; recent and unpublished rows stay. */
    @Test
    void publishedRowsPastTheirRetentionAreDeletedAndNothingElse() {
        UUID user = UUID.randomUUID();
        append(change(user, "V1", 1));
        insertPublished("expired-" + user, OutboxRelay.RETENTION_BATCH + 5, "8 days");
        insertPublished("recent-" + user, 3, "1 day");

        relay.deleteExpired().block();

        assertThat(count("SELECT count(*) FROM outbox_events WHERE partition_key = 'expired-" + user + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM outbox_events WHERE partition_key = 'recent-" + user + "'"))
                .isEqualTo(3);
        assertThat(outboxStates(List.of(user))).containsOnly(Map.entry("pending", 1L));
    }

    /** More dedupe rows past the retention (30 days) than one statement deletes: all go, in batches; recent ones stay. */
    @Test
    void processedEventsPastTheDedupeRetentionAreDeletedAndNothingElse() {
        String consumer = "retention-" + UUID.randomUUID();
        insertProcessed(consumer + "-old", 10_005, "31 days");
        insertProcessed(consumer + "-recent", 3, "29 days");

        processedEventsRetention.deleteExpired().block();

        assertThat(count("SELECT count(*) FROM processed_events WHERE consumer = '" + consumer + "-old'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM processed_events WHERE consumer = '" + consumer + "-recent'"))
                .isEqualTo(3);
    }

    private void insertProcessed(String consumer, int rows, String age) {
        db.sql(
                        "INSERT INTO processed_events (consumer, event_id, event_type, processed_at)"
                                + " SELECT :consumer, gen_random_uuid(), 'test', now() - CAST(:age AS interval) FROM generate_series(1, :rows)")
                .bind("consumer", consumer)
                .bind("age", age)
                .bind("rows", rows)
                .fetch()
                .rowsUpdated()
                .block();
    }

    private void insertPublished(String key, int rows, String age) {
        db.sql(
                        "INSERT INTO outbox_events (event_id, event_type, topic, partition_key, headers, payload, state, published_at)"
                                + " SELECT gen_random_uuid(), 'test', 'test', :key, '{}', '{}', 'published', now() - CAST(:age AS interval)"
                                + " FROM generate_series(1, :rows)")
                .bind("key", key)
                .bind("age", age)
                .bind("rows", rows)
                .fetch()
                .rowsUpdated()
                .block();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> rolledBack = EventEnvelope.of("/test", change(user, "ROLLED_BACK", 1));
        Mono<Void> failingChange =
                outbox.append(rolledBack).then(Mono.error(new IllegalStateException("business rule")));

        assertThatThrownBy(() -> transactions.transactional(failingChange).block())
                .hasMessageContaining("business rule");
        append(change(user, "COMMITTED", 2));
        relay.drain().block();

        List<ConsumerRecord<String, byte[]>> records = read(List.of(user), 1);
        assertThat(records).extracting(r -> decode(r).data().status()).containsExactly("COMMITTED");
        assertThat(count("SELECT count(*) FROM outbox_events WHERE event_id = '" + rolledBack.id() + "'"))
                .isZero();
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(EventEnvelope.of("/test", change(UUID.randomUUID(), "X", 1)))
                        .block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    @Test
    void eventsCommittedWhileTheRelayIsDownArePublishedOnceAfterRestart() {
        UUID user = UUID.randomUUID();
        for (int version = 1; version <= 3; version++) {
            append(change(user, "V" + version, version));
        }
        assertThat(read(List.of(user), 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(outboxStates(List.of(user))).containsOnly(Map.entry("pending", 3L));

        relay.start();

        assertThat(read(List.of(user), 3))
                .extracting(r -> decode(r).data().version())
                .containsExactly(1L, 2L, 3L);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kycState(user)).isEqualTo("V3@3"));
    }

    @Test
    void rowsClaimedByACrashedInstanceArePublishedAfterTheLeaseExpires() {
        UUID user = UUID.randomUUID();
        append(change(user, "V1", 1));
        append(change(user, "V2", 2));
        // another instance claims both rows and dies before publishing them
        List<OutboxRelay.Row> claimed = relay.claim().block();
        assertThat(claimed).extracting(OutboxRelay.Row::partitionKey).contains(user.toString(), user.toString());
        assertThat(outboxStates(List.of(user))).containsOnly(Map.entry("in_flight", 2L));
        relay.drain().block();
        assertThat(outboxStates(List.of(user))).containsOnly(Map.entry("in_flight", 2L));

        relay.start();

        assertThat(read(List.of(user), 2))
                .extracting(r -> decode(r).data().version())
                .containsExactly(1L, 2L);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(outboxStates(List.of(user))).containsOnlyKeys("published"));
    }

    @Test
    void aCrashBetweenPublishingAndMarkingSentPublishesTwiceAndTheConsumerAppliesOnce() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> event = EventEnvelope.of("/test", change(user, "APPROVED", 1));
        transactions.transactional(outbox.append(event)).block();
        relay.drain().block();
        // the instance published, then died before its "published" update committed
        db.sql(
                        "UPDATE outbox_events SET state = 'in_flight', published_at = NULL, claimed_until = now() - interval '1 second'"
                                + " WHERE event_id = :id")
                .bind("id", event.id())
                .fetch()
                .rowsUpdated()
                .block();
        relay.drain().block();

        assertThat(read(List.of(user), 2))
                .hasSize(2)
                .allSatisfy(r -> assertThat(header(r, EventCodec.ID))
                        .isEqualTo(event.id().toString()));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(consumed("duplicate")).isGreaterThanOrEqualTo(1));
        assertThat(count("SELECT count(*) FROM test_effects WHERE event_id = '" + event.id() + "'"))
                .isEqualTo(1);
        assertThat(sendCounts(List.of(user))).containsExactly(2);
    }

    @Test
    void theSameEventDeliveredThreeTimesHasOneEffect() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> event = EventEnvelope.of("/test", change(user, "PENDING", 1));
        double duplicatesBefore = consumed("duplicate");

        send(List.of(event, event, event));

        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(consumed("duplicate") - duplicatesBefore).isEqualTo(2));
        assertThat(count("SELECT count(*) FROM test_effects WHERE event_id = '" + event.id() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = '" + event.id() + "'"))
                .isEqualTo(1);
        assertThat(kycState(user)).isEqualTo("PENDING@1");
    }

    @Test
    void aStaleTransitionDeliveredOutOfOrderIsRefused() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> pending = EventEnvelope.of("/test", change(user, "PENDING", 1));
        EventEnvelope<KycStatusChanged> approved = EventEnvelope.of("/test", change(user, "APPROVED", 2));

        send(List.of(approved, pending));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM processed_events" + " WHERE event_id IN ('"
                                + pending.id() + "', '" + approved.id() + "')"))
                        .isEqualTo(2));
        assertThat(kycState(user)).isEqualTo("APPROVED@2");
    }

    @Test
    void aPoisonEventIsDeadLetteredAtOnceWithItsReasonWhileOtherKeysKeepFlowing() {
        UUID poisoned = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> poison =
                EventEnvelope.of("/test", change(poisoned, MessagingTestApplication.POISON, 1));
        List<EventEnvelope<KycStatusChanged>> healthy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            healthy.add(EventEnvelope.of("/test", change(UUID.randomUUID(), "APPROVED", 1)));
        }
        List<EventEnvelope<KycStatusChanged>> all = new ArrayList<>();
        all.add(poison);
        all.addAll(healthy);
        double deadLetteredBefore = counter("stack.events.dead.lettered", poison);
        double retriesBefore = counter("stack.events.retries", poison);

        send(all);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(healthy)
                        .allSatisfy(event ->
                                assertThat(kycState(event.data().userId())).isEqualTo("APPROVED@1")));
        assertThat(deadLetters(poisoned, 1)).singleElement().satisfies(record -> {
            assertThat(header(record, EventCodec.ID)).isEqualTo(poison.id().toString());
            assertThat(header(record, EventConsumer.DLT_REASON)).isEqualTo(PoisonEventException.INVALID);
            assertThat(header(record, EventConsumer.DLT_DETAIL)).contains("poison status");
            assertThat(header(record, EventConsumer.DLT_ATTEMPTS)).isEqualTo("1");
            assertThat(header(record, EventConsumer.DLT_CONSUMER)).isEqualTo(GROUP);
            assertThat(header(record, EventConsumer.DLT_ORIGIN)).startsWith(TOPIC + "/");
        });
        assertThat(counter("stack.events.dead.lettered", poison) - deadLetteredBefore)
                .isEqualTo(1);
        assertThat(counter("stack.events.retries", poison) - retriesBefore).isZero();
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = '" + poison.id() + "'"))
                .isZero();
    }

    /**
     * A handler failing transiently (the database unavailable) more often than any attempt limit would allow
     * is retried, the partition waiting, until it succeeds: applied once, nothing dead-lettered, and the later
     * event of the same key is applied after it.
     */
    @Test
    void aTransientFailureIsRetriedWithoutALimitAndTheEventIsAppliedOnceNeverDeadLettered() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> flaky =
                EventEnvelope.of("/test", change(user, MessagingTestApplication.FLAKY, 1));
        EventEnvelope<KycStatusChanged> next = EventEnvelope.of("/test", change(user, "APPROVED", 2));

        send(List.of(flaky, next));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kycState(user)).isEqualTo("APPROVED@2"));
        assertThat(MessagingTestApplication.FLAKY_ATTEMPTS.get(flaky.id()))
                .hasValue(MessagingTestApplication.FLAKY_FAILURES + 1);
        assertThat(count("SELECT count(*) FROM test_effects WHERE event_id = '" + flaky.id() + "'"))
                .isEqualTo(1);
        // the first failure may be the batch's (both events in one transaction), retried record by record
        assertThat(counter("stack.events.retries", flaky))
                .isGreaterThanOrEqualTo(MessagingTestApplication.FLAKY_FAILURES - 1);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(meters.find("stack.events.retrying")
                                .tag("consumer", GROUP)
                                .gauge()
                                .value())
                        .isZero());
        assertThat(deadLetters(user, 0)).isEmpty();
    }

    /** Records that can never be read go to the dead-letter topic at once: undecodable data, an unknown schema version. */
    @Test
    void undecodableAndUnsupportedVersionRecordsAreDeadLetteredAtOnce() {
        UUID garbled = UUID.randomUUID();
        UUID future = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> garbledEvent = EventEnvelope.of("/test", change(garbled, "APPROVED", 1));
        EventEnvelope<KycStatusChanged> futureEvent = EventEnvelope.of("/test", change(future, "APPROVED", 1));
        Map<String, String> futureHeaders = new java.util.LinkedHashMap<>(codec.headers(futureEvent));
        futureHeaders.put(EventCodec.DATA_SCHEMA, EventCodec.dataSchema(futureEvent.type(), "v9"));
        assertThat(transport
                        .send(Flux.just(
                                new OutgoingMessage(
                                        TOPIC,
                                        garbled.toString(),
                                        "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        codec.headers(garbledEvent),
                                        0),
                                new OutgoingMessage(
                                        TOPIC,
                                        future.toString(),
                                        codec.payloadJson(futureEvent.data())
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        futureHeaders,
                                        0)))
                        .collectList()
                        .block())
                .allMatch(outcome -> outcome.succeeded());

        assertThat(deadLetters(garbled, 1))
                .singleElement()
                .satisfies(record -> assertThat(header(record, EventConsumer.DLT_REASON))
                        .isEqualTo(PoisonEventException.UNDECODABLE));
        assertThat(deadLetters(future, 1))
                .singleElement()
                .satisfies(record -> assertThat(header(record, EventConsumer.DLT_REASON))
                        .isEqualTo(PoisonEventException.UNSUPPORTED_VERSION));
        assertThat(count("SELECT count(*) FROM test_kyc_state WHERE user_id IN ('" + garbled + "', '" + future + "')"))
                .isZero();
    }

    /**
     * An event older than the dedupe retention that was never seen may be a late duplicate whose dedupe row is
     * gone: it is dead-lettered for an operator, not applied.
     */
    @Test
    void anEventOlderThanTheDedupeHorizonIsDeadLetteredNotApplied() {
        UUID user = UUID.randomUUID();
        KycStatusChanged data = change(user, "APPROVED", 1);
        EventEnvelope<KycStatusChanged> fresh = EventEnvelope.of("/test", data);
        EventEnvelope<KycStatusChanged> late = new EventEnvelope<>(
                UUID.randomUUID(),
                fresh.type(),
                fresh.source(),
                Instant.now().minus(Duration.ofDays(31)),
                fresh.subject(),
                fresh.dataVersion(),
                null,
                data);

        send(List.of(late));

        assertThat(deadLetters(user, 1))
                .singleElement()
                .satisfies(record -> assertThat(header(record, EventConsumer.DLT_REASON))
                        .isEqualTo(PoisonEventException.BEYOND_DEDUPE_HORIZON));
        assertThat(count("SELECT count(*) FROM test_effects WHERE event_id = '" + late.id() + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = '" + late.id() + "'"))
                .isZero();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(UUID user, int expected) {
        return KafkaTopicReader.read(
                TestInfrastructure.kafkaBootstrapServers(),
                Topics.deadLetter(TOPIC),
                keyIn(Set.of(user.toString())),
                expected,
                expected == 0 ? SETTLE : TIMEOUT,
                SETTLE);
    }

    @Test
    void theConsumerContinuesTheProducersTrace() {
        UUID user = UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        EventEnvelope<KycStatusChanged> event =
                EventEnvelope.of("/test", change(user, "PENDING", 1)).withTraceparent(traceparent);
        transactions.transactional(outbox.append(event)).block();
        relay.drain().block();

        assertThat(read(List.of(user), 1))
                .singleElement()
                .satisfies(record ->
                        assertThat(header(record, EventCodec.TRACEPARENT)).isEqualTo(traceparent));
    }

    private long version(OutgoingMessage message) {
        return codec.decode(message.headers(), message.value(), KycStatusChanged.class)
                .data()
                .version();
    }

    /** A transport that sends through {@code send} and receives through {@code delegate}. */
    private static MessageTransport sending(
            MessageTransport delegate,
            java.util.function.Function<Flux<OutgoingMessage>, Flux<com.stack.defaults.messaging.transport.SendOutcome>>
                    send) {
        return new MessageTransport() {
            @Override
            public Flux<com.stack.defaults.messaging.transport.SendOutcome> send(Flux<OutgoingMessage> messages) {
                return send.apply(messages);
            }

            @Override
            public Flux<com.stack.defaults.messaging.transport.IncomingMessage> receive(
                    String group, java.util.Collection<String> topics) {
                return delegate.receive(group, topics);
            }

            @Override
            public Mono<Void> ensureTopics(java.util.Collection<String> topics) {
                return delegate.ensureTopics(topics);
            }

            @Override
            public Mono<Map<String, Long>> backlog(String group, java.util.Collection<String> topics) {
                return delegate.backlog(group, topics);
            }

            @Override
            public Mono<Long> forward(
                    String group,
                    String topic,
                    java.util.function.Function<com.stack.defaults.messaging.transport.IncomingMessage, OutgoingMessage>
                            route) {
                return delegate.forward(group, topic, route);
            }

            @Override
            public void close() {}
        };
    }

    private void append(KycStatusChanged change) {
        transactions
                .transactional(outbox.append(EventEnvelope.of("/test", change)))
                .block();
    }

    private void send(List<EventEnvelope<KycStatusChanged>> events) {
        Flux<OutgoingMessage> messages = Flux.fromIterable(events)
                .map(event -> new OutgoingMessage(
                        TOPIC,
                        event.subject(),
                        codec.payloadJson(event.data()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        codec.headers(event),
                        0));
        assertThat(transport.send(messages).collectList().block()).allMatch(outcome -> outcome.succeeded());
    }

    private static KycStatusChanged change(UUID user, String status, long version) {
        return new KycStatusChanged(user, status, version, Instant.now(), null);
    }

    private List<ConsumerRecord<String, byte[]>> read(List<UUID> users, int expected) {
        return read(users, expected, TIMEOUT);
    }

    private List<ConsumerRecord<String, byte[]>> read(List<UUID> users, int expected, Duration timeout) {
        Set<String> keys = users.stream().map(UUID::toString).collect(Collectors.toCollection(HashSet::new));
        return KafkaTopicReader.read(
                TestInfrastructure.kafkaBootstrapServers(), TOPIC, keyIn(keys), expected, timeout, SETTLE);
    }

    private EventEnvelope<KycStatusChanged> decode(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers()
                .forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return codec.decode(headers, record.value(), KycStatusChanged.class);
    }

    private Map<String, Long> outboxStates(List<UUID> users) {
        return db.sql("SELECT state, count(*) AS n FROM outbox_events WHERE partition_key = ANY(:keys) GROUP BY state")
                .bind("keys", users.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }

    private List<Long> versionsInState(UUID user, String state) {
        return db.sql(
                        "SELECT headers, payload FROM outbox_events WHERE partition_key = :key AND state = :state ORDER BY id")
                .bind("key", user.toString())
                .bind("state", state)
                .map(row -> codec.decode(
                                codec.headersFromJson(row.get("headers", String.class)),
                                row.get("payload", String.class).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                KycStatusChanged.class)
                        .data()
                        .version())
                .all()
                .collectList()
                .block();
    }

    private List<Integer> sendCounts(List<UUID> users) {
        return db.sql("SELECT send_count FROM outbox_events WHERE partition_key = ANY(:keys)")
                .bind("keys", users.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("send_count", Integer.class))
                .all()
                .collectList()
                .block();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private String kycState(UUID user) {
        return db.sql("SELECT status, version FROM test_kyc_state WHERE user_id = :id")
                .bind("id", user)
                .map(row -> row.get("status", String.class) + "@" + row.get("version", Long.class))
                .one()
                .block();
    }

    private double consumed(String outcome) {
        Counter counter = meters.find("stack.events.consumed")
                .tag("consumer", GROUP)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double counter(String name, EventEnvelope<?> event) {
        return meters.find(name).tag("consumer", GROUP).tag("type", event.type()).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
