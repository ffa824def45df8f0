package com.stack.defaults.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.contracts.events.EventIds;
import com.stack.contracts.events.Topics;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Outbox-to-consumer throughput and end-to-end latency on this machine (figures only, no asserts):
 * one service appends UserRegistered events in their own transactions, the relay publishes them to
 * the shared broker, an idempotent consumer (processed_events in its transaction) applies them.
 * Latency is from the event's time (set just before its transaction) to its handler running inside
 * the consumer's transaction. Skipped unless asked for:
 *
 * <pre>./stack bench outbox</pre>
 *
 * (which runs this class with {@code -Dstack.benchmark=true} and without BlockHound). It reports four
 * phases: appends alone with the relay stopped, that backlog relayed and consumed, appends, relay and
 * consumer at once, and latency at a fixed offered rate. Before them it measures this machine's ceiling for
 * the appending side, side by side in the same run: bare one-row insert transactions through the same pool
 * at the same concurrency, into a table with nothing but a primary key (the database's commit rate, which
 * varies several-fold between days on this machine, so compare the phases' ratios to it, not raw figures).
 *
 * {@code -Dstack.benchmark.events-per-transaction=10} appends several events per transaction in the
 * throughput run, to measure the relay and consumer beyond what one commit per event allows;
 * {@code -Dstack.benchmark.events=N} sets the throughput run's size.
 */
@EnabledIfSystemProperty(named = "stack.benchmark", matches = "true")
@SpringBootTest(
        classes = OutboxToConsumerBenchmark.BenchmarkApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "stack.database=placeholder",
            "spring.application.name=messaging-benchmark",
            "spring.flyway.locations=classpath:db/messaging",
            "stack.messaging.publishes=true",
            "stack.messaging.relay.sweep-interval=100ms",
            "spring.r2dbc.pool.max-size=${stack.benchmark.pool-size:40}",
            "logging.level.org.apache.kafka=WARN"
        })
class OutboxToConsumerBenchmark {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final int PARTITIONS = 12;
    static final int THROUGHPUT_EVENTS = Integer.getInteger("stack.benchmark.events", 30_000);
    /** Events appended per transaction in the throughput run (1 = one business operation per event). */
    static final int EVENTS_PER_TRANSACTION = Integer.getInteger("stack.benchmark.events-per-transaction", 1);

    static final int WARM_UP_EVENTS = Integer.getInteger("stack.benchmark.warm-up-events", 40_000);
    static final int LATENCY_RATE = 1_000;
    static final Duration LATENCY_RUN = Duration.ofSeconds(15);
    static final AtomicLong APPLIED = new AtomicLong();
    static final ConcurrentLinkedQueue<Long> LATENCIES_MICROS = new ConcurrentLinkedQueue<>();
    /** When each event reached its handler, by event id (the latency run's breakdown). */
    static final Map<UUID, Instant[]> HANDLED = new java.util.concurrent.ConcurrentHashMap<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerInfrastructure(registry, "stack_messaging_benchmark");
        registry.add("stack.messaging.topic-suffix", () -> ".bench-" + RUN);
    }

    /** More partitions than the default three, so the consumer applies events on several partitions at once. */
    @BeforeAll
    static void createTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.ONBOARDING + ".bench-" + RUN, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    MeterRegistry meters;
    /** The relay timers' count and total at the last {@link #relaySteps} call, per step. */
    final Map<String, double[]> relayMarks = new java.util.HashMap<>();

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void outboxToConsumer() throws InterruptedException {
        // warm-up: connections, metadata, and enough iterations for the JIT to compile the hot paths
        append(WARM_UP_EVENTS, 64);
        awaitApplied(WARM_UP_EVENTS);

        // 0. the ceiling: bare one-row transactions, each BEGIN, INSERT and COMMIT like an append's
        double bare = bareCommitsPerSecond(THROUGHPUT_EVENTS / EVENTS_PER_TRANSACTION, 64);
        String ceiling = String.format("bare one-row insert transactions (same pool, 64 at once): %.0f/s", bare);
        System.out.println("\n" + ceiling + "\n");

        relaySteps();
        // 1. the producing side alone: relay stopped, rows pile up in the outbox
        relay.stop();
        reset();
        long start = System.nanoTime();
        append(THROUGHPUT_EVENTS, 64);
        double appendSeconds = seconds(start);
        // 2. the backlog drained: relay -> Kafka -> consumer, nothing else running
        start = System.nanoTime();
        relay.start();
        awaitApplied(THROUGHPUT_EVENTS);
        double drainSeconds = seconds(start);
        String phases = String.format(
                        "appends alone (relay stopped): %.0f events/s (%d per transaction, %.0f%% of the"
                                + " bare transactions' rate); backlog relayed and consumed: %.0f events/s",
                        THROUGHPUT_EVENTS / appendSeconds,
                        EVENTS_PER_TRANSACTION,
                        100 * THROUGHPUT_EVENTS / appendSeconds / EVENTS_PER_TRANSACTION / bare,
                        THROUGHPUT_EVENTS / drainSeconds)
                + relaySteps();
        System.out.println("\n" + phases + "\n");

        // 3. sustained end to end: appends, relay and consumer at the same time
        reset();
        start = System.nanoTime();
        append(THROUGHPUT_EVENTS, 64);
        appendSeconds = seconds(start);
        awaitApplied(THROUGHPUT_EVENTS);
        double endToEndSeconds = seconds(start);
        String throughput = String.format(
                        "sustained: %d events (%d per transaction) in %.2f s = %.0f events/s end to end"
                                + " (appends %.0f/s meanwhile); latency under full load p50 %.1f ms, p99 %.1f ms",
                        THROUGHPUT_EVENTS,
                        EVENTS_PER_TRANSACTION,
                        endToEndSeconds,
                        THROUGHPUT_EVENTS / endToEndSeconds,
                        THROUGHPUT_EVENTS / appendSeconds,
                        percentile(50),
                        percentile(99))
                + relaySteps();
        System.out.println("\n" + throughput + "\n");

        // 4. latency at a fixed offered rate
        reset();
        long events = LATENCY_RATE * LATENCY_RUN.toSeconds();
        // the event's time is its tick, so time spent waiting for a connection or a commit counts as latency
        Flux.interval(Duration.ofMillis(1))
                .take(events)
                .map(i -> registered())
                .onBackpressureBuffer()
                .flatMap(event -> transactions.transactional(outbox.append(event)), 256)
                .blockLast();
        awaitApplied(events);
        String latency = String.format(
                        "latency at %d events/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        LATENCY_RATE, LATENCY_RUN.toSeconds(), percentile(50), percentile(99), percentile(100))
                + relaySteps() + "\n" + breakdown();

        System.out.println("\n=== outbox -> Kafka -> idempotent consumer (" + PARTITIONS + " partitions, "
                + Runtime.getRuntime().availableProcessors()
                + " cores shared with PostgreSQL and the broker; BlockHound "
                + (blockHoundInstalled() ? "ON: figures include its instrumentation" : "off") + ") ===\n"
                + ceiling + "\n" + phases + "\n" + throughput + "\n" + latency + "\n");
    }

    /** BlockHound (installed by the tests' JUnit listener unless deactivated) refuses a sleep on a non-blocking thread. */
    private static boolean blockHoundInstalled() {
        return Boolean.FALSE.equals(Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return true;
                })
                .subscribeOn(Schedulers.parallel())
                .onErrorReturn(false)
                .block());
    }

    private static void reset() {
        APPLIED.set(0);
        LATENCIES_MICROS.clear();
        HANDLED.clear();
    }

    /**
     * Where the latency run's time went, from the outbox rows' clocks (same machine, one clock): the
     * event's time to its row's insert (waiting for a connection and the transaction), the insert to
     * the relay marking it published (commit, wake-up, claim, send, acknowledgement), and the insert
     * to its handler running in the consumer's transaction.
     */
    private String breakdown() {
        List<long[]> rows = db.sql(
                        "SELECT event_id, created_at, published_at FROM outbox_events" + " WHERE event_id = ANY(:ids)")
                .bind("ids", HANDLED.keySet().toArray(UUID[]::new))
                .map(row -> {
                    Instant created = row.get("created_at", java.time.OffsetDateTime.class)
                            .toInstant();
                    Instant published = row.get("published_at", java.time.OffsetDateTime.class)
                            .toInstant();
                    Instant[] times = HANDLED.get(row.get("event_id", UUID.class));
                    Instant time = times[0];
                    Instant handled = times[1];
                    return new long[] {micros(time, created), micros(created, published), micros(created, handled)};
                })
                .all()
                .collectList()
                .block();
        return String.format(
                "  breakdown p50/p99 ms: event time -> row inserted %s; inserted -> marked published %s;"
                        + " inserted -> handled %s",
                split(rows, 0), split(rows, 1), split(rows, 2));
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    private static String split(List<long[]> rows, int column) {
        long[] sorted = rows.stream().mapToLong(r -> r[column]).sorted().toArray();
        if (sorted.length == 0) {
            return "n/a";
        }
        return String.format(
                "%.1f/%.1f",
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] / 1000.0);
    }

    /** The relay's passes since the last call: count and mean duration of its claims and publishes. */
    private String relaySteps() {
        StringBuilder steps = new StringBuilder("; relay");
        for (String step : List.of("claim", "publish")) {
            io.micrometer.core.instrument.Timer timer =
                    meters.get("stack.outbox.relay").tag("step", step).timer();
            double[] now = {timer.count(), timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)};
            double[] before = relayMarks.getOrDefault(step, new double[2]);
            relayMarks.put(step, now);
            double count = now[0] - before[0];
            steps.append(
                    String.format(" %.0f %ss of %.1f ms", count, step, count == 0 ? 0 : (now[1] - before[1]) / count));
        }
        return steps.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void append(int count, int concurrency) {
        Flux.range(0, count / EVENTS_PER_TRANSACTION)
                .flatMap(
                        i -> transactions.transactional(Flux.range(0, EVENTS_PER_TRANSACTION)
                                .concatMap(j -> outbox.append(registered()))
                                .then()),
                        concurrency)
                .blockLast();
    }

    /** One-row transactions per second into a table with only a primary key: what the database commits here. */
    private double bareCommitsPerSecond(int transactionCount, int concurrency) {
        String row = "x".repeat(300); // about an outbox row's headers and payload
        db.sql("CREATE TABLE IF NOT EXISTS benchmark_bare_commits (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)")
                .then()
                .block();
        long start = System.nanoTime();
        Flux.range(0, transactionCount)
                .flatMap(
                        i -> transactions.transactional(
                                db.sql("INSERT INTO benchmark_bare_commits (payload) VALUES (:row)")
                                        .bind("row", row)
                                        .then()),
                        concurrency)
                .blockLast();
        return transactionCount / seconds(start);
    }

    private static UserRegistered registered() {
        return new UserRegistered(EventIds.next(), null, null, Instant.now());
    }

    private static void awaitApplied(long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (APPLIED.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static double percentile(int percentile) {
        long[] sorted =
                LATENCIES_MICROS.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({
        R2dbcAutoConfiguration.class,
        R2dbcTransactionManagerAutoConfiguration.class,
        DataR2dbcAutoConfiguration.class,
        TransactionAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        MessagingAutoConfiguration.class
    })
    static class BenchmarkApplication {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        EventSubscription<UserRegistered> measured() {
            return EventSubscription.on(
                    UserRegistered.class,
                    event -> Mono.fromRunnable(() -> {
                        long micros = Duration.between(event.data().registeredAt(), Instant.now())
                                        .toNanos()
                                / 1000;
                        LATENCIES_MICROS.add(micros);
                        HANDLED.put(event.id(), new Instant[] {event.data().registeredAt(), Instant.now()});
                        APPLIED.incrementAndGet();
                    }));
        }
    }
}
