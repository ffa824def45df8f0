package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.Topics;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import com.stack.testsupport.ServiceTestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;

/**
 * Dead letters go back to their origin topic on request, against the real Kafka and PostgreSQL: an event the
 * handler refused is re-driven once the handler accepts it and is applied once; re-driving again moves nothing,
 * and a re-driven record delivered twice (a crash between the send and the DLT commit) is applied once.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "stack.database=placeholder",
            "spring.application.name=messaging-redrive-test",
            "spring.flyway.locations=classpath:db/messaging,classpath:db/messagingtest",
            "stack.messaging.consumer.initial-backoff=50ms",
            "stack.messaging.consumer.max-backoff=200ms",
            "stack.messaging.dead-letters.refresh-interval=500ms"
        })
class DeadLetterRedriveTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String TOPIC = Topics.ONBOARDING + ".redrive-" + RUN;
    static final String DLT = Topics.deadLetter(TOPIC);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerInfrastructure(registry, "stack_messaging_redrive_test");
        registry.add("stack.messaging.topic-suffix", () -> ".redrive-" + RUN);
        registry.add("stack.messaging.consumer-group", () -> "messaging-redrive-" + RUN);
    }

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MessageTransport transport;

    @Autowired
    EventCodec codec;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Test
    void aRefusedEventReDrivenAfterTheFixIsAppliedOnceAndReDrivingAgainMovesNothing() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> event =
                EventEnvelope.of("/test", new KycStatusChanged(user, "APPROVED", 1, Instant.now(), "US"));
        MessagingTestApplication.REFUSED.add(user);
        send(event);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(deadLetters.pending().block()).containsEntry(DLT, 1L));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pendingGauge()).isEqualTo(1));
        assertThat(effects(event)).isZero();

        // the fix is deployed: the handler accepts the user's events
        MessagingTestApplication.REFUSED.remove(user);
        assertThat(deadLetters.redrive(DLT).block()).isEqualTo(1);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(effects(event)).isEqualTo(1));
        assertThat(deadLetters.pending().block()).containsEntry(DLT, 0L);
        assertThat(pendingGauge()).isZero();

        // again, by origin topic name: nothing left to move
        assertThat(deadLetters.redrive(TOPIC).block()).isZero();
        // a crash between a re-drive's send and its commit sends the record once more: still one effect
        send(event);
        await().during(Duration.ofSeconds(2))
                .atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(effects(event)).isEqualTo(1));
        assertThat(deadLetters.pending().block()).containsEntry(DLT, 0L);
    }

    @Test
    void aTopicThatIsNotOneOfTheServicesDeadLetterTopicsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> deadLetters.redrive("stack.other.events.v1.dlt").block())
                .isInstanceOf(DeadLetters.UnknownDeadLetterTopicException.class);
    }

    private void send(EventEnvelope<KycStatusChanged> event) {
        assertThat(transport
                        .send(Flux.just(new OutgoingMessage(
                                TOPIC,
                                event.subject(),
                                codec.payloadJson(event.data()).getBytes(StandardCharsets.UTF_8),
                                codec.headers(event),
                                0)))
                        .collectList()
                        .block())
                .allMatch(outcome -> outcome.succeeded());
    }

    private double pendingGauge() {
        return meters.find("stack.messaging.deadletter.pending")
                .tag("topic", DLT)
                .gauge()
                .value();
    }

    private long effects(EventEnvelope<?> event) {
        return db.sql("SELECT count(*) FROM test_effects WHERE event_id = :id")
                .bind("id", event.id())
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }
}
