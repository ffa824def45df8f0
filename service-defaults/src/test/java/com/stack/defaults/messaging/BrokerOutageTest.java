package com.stack.defaults.messaging;

import static com.stack.defaults.messaging.KafkaTopicReader.keyIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.Topics;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.messaging.transport.ReactorKafkaTransport;
import com.stack.testsupport.ServiceTestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The broker is down for 30 seconds: a relay pointed at a port where no broker listens keeps
 * failing (and backing off) while the service's writes keep committing into the outbox; then an
 * in-process KRaft broker becomes reachable through that port and the outbox drains, every event
 * once and in order per key. (The shared broker other builds use is never stopped.)
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "stack.database=placeholder",
            "spring.application.name=messaging-outage-test",
            "spring.flyway.locations=classpath:db/messaging,classpath:db/messagingtest",
            "stack.messaging.publishes=true",
            "stack.messaging.relay.enabled=false"
        })
class BrokerOutageTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final Duration OUTAGE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerInfrastructure(registry, "stack_messaging_outage_test");
        registry.add("stack.messaging.topic-suffix", () -> ".outage-" + RUN);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    EventCodec codec;

    @Autowired
    MessagingMetrics metrics;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void writesKeepSucceedingWhileTheBrokerIsDownAndTheOutboxDrainsWhenItReturns() throws Exception {
        int port = TcpForwarder.freePort();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        MessagingProperties.Relay settings = new MessagingProperties.Relay(
                true,
                100,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                Duration.ofDays(1));
        try (ReactorKafkaTransport transport = new ReactorKafkaTransport(
                "127.0.0.1:" + port,
                "outage-test",
                meters,
                new ReactorKafkaTransport.Settings(
                        Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(100), 1, (short) 1, 1))) {
            OutboxRelay relay = new OutboxRelay(db, transactions, transport, codec, metrics, settings);
            relay.start();
            EmbeddedKafkaKraftBroker broker = null;
            TcpForwarder forwarder = null;
            try {
                int version = 0;
                long outageEnds = System.nanoTime() + OUTAGE.toNanos();
                while (System.nanoTime() < outageEnds) {
                    version++;
                    append(first, version);
                    append(second, version);
                    Thread.sleep(500);
                }
                int written = version;
                assertThat(states()).doesNotContainKey("published");
                assertThat(attempts()).isPositive();

                // the broker comes back: clients bootstrap through the port again, then follow its metadata
                broker = new EmbeddedKafkaKraftBroker(1, 3);
                broker.afterPropertiesSet();
                String[] address = broker.getBrokersAsString().split(",")[0].split(":");
                forwarder = new TcpForwarder(port, address[0], Integer.parseInt(address[1]));
                forwarder.start();

                List<ConsumerRecord<String, byte[]>> records = KafkaTopicReader.read(
                        broker.getBrokersAsString(),
                        Topics.ONBOARDING + ".outage-" + RUN,
                        keyIn(Set.of(first.toString(), second.toString())),
                        2 * written,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2));
                List<Long> expected = java.util.stream.LongStream.rangeClosed(1, written)
                        .boxed()
                        .toList();
                assertThat(versions(records, first)).containsExactlyElementsOf(expected);
                assertThat(versions(records, second)).containsExactlyElementsOf(expected);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(states()).containsOnly(Map.entry("published", 2L * written)));
            } finally {
                relay.stop();
                if (forwarder != null) {
                    forwarder.close();
                }
                if (broker != null) {
                    broker.destroy();
                }
            }
        }
    }

    private void append(UUID user, long version) {
        transactions
                .transactional(outbox.append(EventEnvelope.of(
                        "/test", new KycStatusChanged(user, "V" + version, version, Instant.now(), null))))
                .block();
    }

    private List<Long> versions(List<ConsumerRecord<String, byte[]>> records, UUID user) {
        return records.stream()
                .filter(r -> r.key().equals(user.toString()))
                .map(r -> {
                    Map<String, String> headers = new HashMap<>();
                    r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    return codec.decode(headers, r.value(), KycStatusChanged.class)
                            .data()
                            .version();
                })
                .toList();
    }

    private Map<String, Long> states() {
        return db.sql("SELECT state, count(*) AS n FROM outbox_events GROUP BY state")
                .map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }

    private long attempts() {
        return db.sql("SELECT COALESCE(sum(send_count), 0) AS n FROM outbox_events")
                .map(row -> row.get("n", Number.class).longValue())
                .one()
                .block();
    }
}
