package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.contracts.identity.UserIds;
import com.stack.defaults.messaging.EventCodec;
import com.stack.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Onboarding (the producer of UserRegistered) runs as its own process and is killed (SIGKILL) while
 * its outbox relay is publishing a few hundred concurrent sign-ups, then started again on the same
 * database. What the kill leaves is frozen in the database and on the topic, so both crash points
 * are counted, not guessed: rows committed but not on the topic, and rows on the topic but not
 * marked published. After the restart (and the clients' retries of the sign-ups that got no answer)
 * every user has one row and one UserRegistered event, every event is on the topic in outbox order
 * per key, and the suite's wallet service, consuming the same topic, has applied each event once.
 * (A sign-up announces one event, so the order per key checked here is one event deep: what it does
 * check is that a retried sign-up announces no second one.) Linux: the freeze before the kill is a SIGSTOP.
 */
class OutboxCrashTest {

    static final int SIGN_UPS = 400;
    static final int CONCURRENCY = 32;
    static final Duration WITHIN = Duration.ofSeconds(60);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String TOPIC = Topics.ONBOARDING + StackSuite.TOPIC_SUFFIX;

    static StackSuite suite;
    static String database;
    static int port;
    static Process onboarding;
    static DatabaseClient db;

    @BeforeAll
    static void database() {
        suite = StackSuite.shared();
        database = TestInfrastructure.freshDatabase("stack_onboarding_crash_system");
        port = StackSuite.freePort();
        db = ServiceProcess.databaseClient(database);
    }

    @AfterAll
    static void stop() {
        if (onboarding != null) {
            onboarding.destroyForcibly();
        }
    }

    static Process startOnboarding() throws IOException {
        return ServiceProcess.start(
                suite,
                "onboarding-service",
                database,
                port,
                List.of(
                        // its own group for what onboarding consumes, so it takes no partitions from the suite's
                        // onboarding
                        "--stack.messaging.consumer-group=onboarding-crash-" + TestInfrastructure.runId(),
                        // small passes keep a backlog behind the sign-ups, so the kill finds rows in every state; a
                        // short lease lets the restarted process take back the dead one's claims within the test
                        "--stack.messaging.relay.batch-size=25",
                        "--stack.messaging.relay.lease=2s",
                        "--stack.messaging.relay.sweep-interval=500ms"));
    }

    long count(String sql) {
        return Long.parseLong(
                String.valueOf(db.sql(sql).map(row -> row.get(0)).first().block(Duration.ofSeconds(10))));
    }

    /** One sign-up straight to the onboarding process's GraphQL endpoint; the new user's id, or empty on any failure. */
    static Mono<String> signUp(WebClient client, String subject, String token) {
        return client.post()
                .uri("/graphql")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "query",
                        "mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                        "variables",
                        Map.of("e", UUID.nameUUIDFromBytes(subject.getBytes(StandardCharsets.UTF_8)) + "@example.com")))
                .retrieve()
                .bodyToMono(JSON)
                .timeout(Duration.ofSeconds(20))
                .mapNotNull(body -> body.get("errors") == null
                                && body.get("data") instanceof Map<?, ?> data
                                && data.get("signUp") instanceof Map<?, ?> user
                        ? (String) user.get("id")
                        : null)
                .onErrorResume(e -> Mono.empty());
    }

    /** Signs up every subject not yet answered, recording the answers; completes when every request has ended. */
    static CompletableFuture<Void> signUpAll(Map<String, String> tokens, Map<String, String> answered) {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        return Flux.fromIterable(tokens.keySet())
                .filter(subject -> !answered.containsKey(subject))
                .flatMap(
                        subject ->
                                signUp(client, subject, tokens.get(subject)).doOnNext(id -> answered.put(subject, id)),
                        CONCURRENCY)
                .then()
                .toFuture();
    }

    @Test
    void killedWhileRelayingItPublishesEverySignUpAndTheConsumerAppliesEachOnce() throws Exception {
        // tokens made here, not on the event loop (signing and UUIDs read the OS entropy pool)
        Map<String, String> tokens = new LinkedHashMap<>();
        IntStream.range(0, SIGN_UPS)
                .mapToObj(i -> "auth0|outbox-crash-" + UUID.randomUUID())
                .forEach(subject -> tokens.put(subject, suite.issuer().token(subject, "u@example.com")));
        Map<String, String> answered = new ConcurrentHashMap<>();
        onboarding = startOnboarding();
        long started = System.nanoTime();

        // Kill once the relay has published a share of the events, at a moment when both crash points are
        // there: rows committed but not on the topic, and rows on the topic but not yet marked published.
        // Such a moment lasts milliseconds, so the process is frozen (SIGSTOP) whenever it has rows in
        // flight, its outbox and the topic compared, and then either killed (SIGKILL) or let go on
        // (SIGCONT). Failing that within a while (or once the backlog runs low), it is killed with rows
        // in flight at all. The tail is positioned before the first sign-up.
        CompletableFuture<Void> signUps;
        int freezes = 0;
        try (TopicTail tail = new TopicTail(TOPIC)) {
            signUps = signUpAll(tokens, answered);
            long[] states = outboxStates();
            long deadline = System.nanoTime() + WITHIN.toNanos();
            long settleBy = Long.MAX_VALUE;
            while (System.nanoTime() < deadline && !(signUps.isDone() && states[0] + states[1] == 0)) {
                if (states[2] >= SIGN_UPS / 5 && states[1] > 0) {
                    settleBy = Math.min(
                            settleBy, System.nanoTime() + Duration.ofSeconds(10).toNanos());
                    signal(onboarding, "STOP");
                    freezes++;
                    // statements the database had already received complete; the tail catches up
                    Thread.sleep(100);
                    states = outboxStates();
                    List<String> inFlight = inFlight();
                    long publishedNotMarked =
                            inFlight.stream().filter(tail.seen::contains).count();
                    boolean bothCrashPoints = publishedNotMarked > 0 && states[0] + states[1] > publishedNotMarked;
                    if (bothCrashPoints
                            || (states[1] > 0
                                    && (System.nanoTime() > settleBy
                                            || signUps.isDone() && states[0] + states[1] < 50))) {
                        break;
                    }
                    signal(onboarding, "CONT");
                    // let it run a while, so that the next freeze finds it at another point of a pass
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10, 60));
                }
                Thread.sleep(2);
                states = outboxStates();
            }
            onboarding.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long killedAt = System.nanoTime();
        signUps.get(60, TimeUnit.SECONDS);
        int answeredBeforeTheKill = answered.size();

        // the dead process's outbox, frozen, against what reached the topic
        Map<UUID, String> stateAtKill = new LinkedHashMap<>();
        db.sql("SELECT event_id, state FROM outbox_events ORDER BY id")
                .map(row -> Map.entry(row.get("event_id", UUID.class), row.get("state", String.class)))
                .all()
                .doOnNext(e -> stateAtKill.put(e.getKey(), e.getValue()))
                .blockLast(Duration.ofSeconds(10));
        Set<String> onTopicAtKill = KafkaRecords.read(TOPIC).stream()
                .map(r -> KafkaRecords.header(r, EventCodec.ID))
                .collect(Collectors.toSet());
        long publishedAtKill =
                stateAtKill.values().stream().filter("published"::equals).count();
        long unsentAtKill = stateAtKill.size() - publishedAtKill;
        long committedNotPublished = stateAtKill.entrySet().stream()
                .filter(e -> !"published".equals(e.getValue())
                        && !onTopicAtKill.contains(e.getKey().toString()))
                .count();
        long publishedNotMarked = stateAtKill.entrySet().stream()
                .filter(e -> !"published".equals(e.getValue())
                        && onTopicAtKill.contains(e.getKey().toString()))
                .count();
        long inFlightAtKill =
                stateAtKill.values().stream().filter("in_flight"::equals).count();
        assertThat(publishedAtKill)
                .as("the kill must come after the relay has published some events")
                .isPositive();
        assertThat(unsentAtKill)
                .as("the kill must come while the outbox still has unsent rows")
                .isPositive();

        onboarding = startOnboarding();
        // the clients whose sign-up got no answer try again: sign-up is idempotent per token subject
        signUpAll(tokens, answered).get(60, TimeUnit.SECONDS);
        assertThat(answered).as("every sign-up is answered after the restart").hasSize(SIGN_UPS);
        answered.forEach((subject, id) -> assertThat(id)
                .isEqualTo(UserIds.fromSubject(suite.issuer().issuer(), subject).toString()));

        await("every outbox row ends published")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM outbox_events WHERE state <> 'published'") == 0);
        long relayedAt = System.nanoTime();

        // one user row and one UserRegistered row per sign-up
        Set<String> users = new HashSet<>(db.sql("SELECT id FROM users")
                .map(row -> row.get("id", UUID.class).toString())
                .all()
                .collectList()
                .block(Duration.ofSeconds(10)));
        assertThat(users).containsExactlyInAnyOrderElementsOf(answered.values());
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(SIGN_UPS);
        List<Map.Entry<String, String>> outbox = db.sql("SELECT event_id, partition_key FROM outbox_events"
                        + " WHERE event_type = '" + EventType.USER_REGISTERED.type() + "' ORDER BY id")
                .map(row ->
                        Map.entry(row.get("event_id", UUID.class).toString(), row.get("partition_key", String.class)))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(count("SELECT count(*) FROM outbox_events")).isEqualTo(SIGN_UPS);
        assertThat(outbox).extracting(Map.Entry::getValue).containsExactlyInAnyOrderElementsOf(answered.values());
        Set<String> eventIds = outbox.stream().map(Map.Entry::getKey).collect(Collectors.toSet());

        // the topic has every event, at least once, and nothing else for these users
        List<ConsumerRecord<String, byte[]>> ours = KafkaRecords.read(TOPIC).stream()
                .filter(r -> users.contains(r.key()))
                .toList();
        assertThat(ours)
                .extracting(r -> KafkaRecords.header(r, EventCodec.TYPE))
                .containsOnly(EventType.USER_REGISTERED.type());
        List<String> published =
                ours.stream().map(r -> KafkaRecords.header(r, EventCodec.ID)).toList();
        assertThat(new HashSet<>(published)).isEqualTo(eventIds);
        Map<String, String> keyOf = outbox.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(ours)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(keyOf.get(KafkaRecords.header(r, EventCodec.ID))));
        long duplicatesOnTheTopic = published.size() - eventIds.size();
        // per key, the first occurrences on the topic (one partition per key, offset order) follow the outbox's order
        Map<String, List<String>> outboxOrder = outbox.stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        Map<String, List<String>> topicOrder = ours.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key,
                        Collectors.mapping(
                                r -> KafkaRecords.header(r, EventCodec.ID),
                                Collectors.collectingAndThen(
                                        Collectors.toList(),
                                        ids -> ids.stream().distinct().toList()))));
        assertThat(topicOrder).isEqualTo(outboxOrder);

        // the suite's wallet service, consuming the same topic, applied each event once
        DatabaseClient wallet = suite.service("wallet").getBean(DatabaseClient.class);
        String walletConsumer = suite.service("wallet")
                .getEnvironment()
                .getProperty(
                        "stack.messaging.consumer-group",
                        suite.service("wallet").getEnvironment().getRequiredProperty("spring.application.name"));
        UUID[] ids = eventIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        UUID[] userIds = users.stream().map(UUID::fromString).toArray(UUID[]::new);
        await("wallet knows every user")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> wallet.sql("SELECT count(*) FROM known_users WHERE user_id = ANY(:ids)")
                                .bind("ids", userIds)
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .block(Duration.ofSeconds(10))
                        == SIGN_UPS);
        Map<String, Long> appliedPerEvent = wallet.sql("SELECT event_id, count(*) AS n FROM processed_events"
                        + " WHERE consumer = :consumer AND event_id = ANY(:ids) GROUP BY event_id")
                .bind("consumer", walletConsumer)
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("event_id", UUID.class).toString(), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(Duration.ofSeconds(10));
        assertThat(appliedPerEvent.keySet()).isEqualTo(eventIds);
        assertThat(appliedPerEvent.values()).containsOnly(1L);

        System.out.printf(
                "OutboxCrashTest: %d sign-ups (%d answered before the kill, %d retried after); at the kill"
                        + " (freeze %d), %.1f s in: %d published, %d unsent (%d in flight): %d committed but not on the topic,"
                        + " %d on the topic but not marked published; all relayed %.1f s after the kill;"
                        + " %d records on the topic for %d events (%d duplicates); wallet applied %d, once each%n",
                SIGN_UPS,
                answeredBeforeTheKill,
                SIGN_UPS - answeredBeforeTheKill,
                freezes,
                (killedAt - started) / 1e9,
                publishedAtKill,
                unsentAtKill,
                inFlightAtKill,
                committedNotPublished,
                publishedNotMarked,
                (relayedAt - killedAt) / 1e9,
                published.size(),
                eventIds.size(),
                duplicatesOnTheTopic,
                appliedPerEvent.size());
    }

    /** Sends the process a signal by name (STOP, CONT): Linux, as the system tests' processes are. */
    static void signal(Process process, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -" + name)
                .isTrue();
    }

    /** Event ids of the outbox rows in flight now. */
    List<String> inFlight() {
        return db.sql("SELECT event_id FROM outbox_events WHERE state = 'in_flight'")
                .map(row -> row.get("event_id", UUID.class).toString())
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    /** Event ids of the records arriving on a topic from now on, as they arrive (its own thread). */
    static final class TopicTail implements AutoCloseable {

        final Set<String> seen = ConcurrentHashMap.newKeySet();
        private volatile boolean open = true;
        private final Thread thread;

        TopicTail(String topic) throws InterruptedException {
            CountDownLatch positioned = new CountDownLatch(1);
            thread = new Thread(
                    () -> {
                        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"))) {
                            List<TopicPartition> partitions =
                                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                                            .map(info -> new TopicPartition(topic, info.partition()))
                                            .toList();
                            consumer.assign(partitions);
                            consumer.seekToEnd(partitions);
                            partitions.forEach(consumer::position);
                            positioned.countDown();
                            while (open) {
                                consumer.poll(Duration.ofMillis(20))
                                        .forEach(r -> seen.add(KafkaRecords.header(r, EventCodec.ID)));
                            }
                        }
                    },
                    "outbox-crash-tail");
            thread.setDaemon(true);
            thread.start();
            assertThat(positioned.await(30, TimeUnit.SECONDS))
                    .as("the topic tail is positioned")
                    .isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            thread.join(10_000);
        }
    }

    /** Outbox rows now: pending or failed, in flight, published. */
    long[] outboxStates() {
        return db.sql("SELECT count(*) FILTER (WHERE state IN ('pending', 'failed')) AS waiting,"
                        + " count(*) FILTER (WHERE state = 'in_flight') AS in_flight,"
                        + " count(*) FILTER (WHERE state = 'published') AS published FROM outbox_events")
                .map(row -> new long[] {
                    row.get("waiting", Long.class), row.get("in_flight", Long.class), row.get("published", Long.class)
                })
                .one()
                .block(Duration.ofSeconds(10));
    }
}
