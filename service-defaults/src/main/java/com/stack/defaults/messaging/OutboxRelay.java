package com.stack.defaults.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.contracts.events.EventIds;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * Publishes outbox rows to Kafka, at least once, in order per partition key.
 *
 * <p>A pass claims a batch of rows (state {@code in_flight}, {@code claimed_until} = now + lease),
 * publishes them through the idempotent producer (a key's rows in id order, each once the previous
 * one is acknowledged; keys concurrently), then marks them {@code published}, or
 * {@code failed} with a backed-off {@code next_attempt_at}. A row is claimable only when every older
 * unpublished row of its key is claimable in the same pass, so a key's later row never overtakes an
 * earlier one that is in flight elsewhere or waiting for its retry. Claims are serialized across
 * instances by a transaction-scoped advisory lock (held for the claim statement only, not while
 * publishing); row locks are taken without SKIP LOCKED, because skipping a locked older row could
 * let a newer row of the same key through. A crashed instance's claims expire with their lease and
 * another instance (or this one after restart) publishes them again; consumers deduplicate by event
 * id, so publishing twice is harmless.
 *
 * <p>Passes run one at a time (see {@link SweepingLoop}), when woken after a local commit and on every
 * sweep interval (rows committed by other instances, retries, expired claims).
 */
public class OutboxRelay extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long CLAIM_LOCK = 0x57AC_0B0CL;

    /**
     * A row the claim may take: never sent, due for its retry, or in flight on a claim that lapsed. A
     * pending row is always claimable (its {@code next_attempt_at} is its transaction's start, which can be
     * later than the claim's {@code now()}): only in-flight and failed rows hold back their key.
     */
    private static final String CLAIMABLE =
            "(%1$s.state = 'pending' OR (%1$s.state = 'failed' AND %1$s.next_attempt_at <= now())"
                    + " OR (%1$s.state = 'in_flight' AND %1$s.claimed_until < now()))";
    /**
     * The keys that must wait are computed once per claim (the first unpublished row of each key that is
     * not claimable now: in flight elsewhere, or waiting for its retry), then every candidate is checked
     * against them. A per-candidate NOT EXISTS over the outbox let the planner probe the id index for
     * each candidate, scanning every older unpublished row each time (110 ms for 500 rows with 3,000
     * waiting; 14 ms this way). Only in-flight and failed rows can hold a key back, and the index
     * {@code outbox_events_held} holds just those: the claim does not read the backlog to find them.
     */
    private static final String CLAIM = "WITH blocked AS MATERIALIZED (SELECT b.partition_key, min(b.id) AS first_id"
            + " FROM outbox_events b WHERE b.state IN ('in_flight', 'failed') AND NOT " + CLAIMABLE.formatted("b")
            + " GROUP BY b.partition_key)"
            + " UPDATE outbox_events o SET state = 'in_flight', send_count = o.send_count + 1,"
            + " claimed_until = now() + make_interval(secs => :lease), claim_token = :token WHERE o.id IN ("
            + " SELECT c.id FROM outbox_events c WHERE c.state <> 'published' AND " + CLAIMABLE.formatted("c")
            + " AND NOT EXISTS (SELECT 1 FROM blocked k WHERE k.partition_key = c.partition_key AND k.first_id < c.id)"
            + " ORDER BY c.id LIMIT :batch FOR UPDATE)"
            + " RETURNING o.id, o.event_type, o.topic, o.partition_key, o.headers, o.payload";

    /**
     * The claim transaction's first statement: its planner settings, then the claim lock, in one round trip.
     * The claim must walk the partial indexes in id order whatever the statistics say. A cached generic
     * plan built while the table was small (seen: one claim running for minutes at 85,000 rows), or a
     * sequential or bitmap scan chosen on stale statistics while the table churns (seen: claims of 15-60 ms
     * at 1,000 events/s), reads every row a pass has published since the last vacuum; a plain index scan
     * skips them and marks their dead index entries, so the next claim does not read them again (a claim
     * of 40 rows behind 120,000 dead entries: 39 ms the first time, 1.4 ms after). The same stale statistics
     * put the claim's estimated cost above {@code jit_above_cost}, and compiling it took longer than running it
     * (25 of a 34 ms claim of 63 rows): the claim is never JIT-compiled.
     */
    private static final String CLAIM_SETTINGS_AND_LOCK =
            "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
                    + " set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),"
                    + " set_config('jit', 'off', true), pg_advisory_xact_lock(:lock)";

    /** Published rows past their retention are deleted at most this often ... */
    static final Duration RETENTION_EVERY = Duration.ofMinutes(1);
    /** ... and this many per statement ... */
    static final int RETENTION_BATCH = 10_000;
    /** ... in at most this many statements a run. */
    static final int RETENTION_BATCHES = 10;

    private static final BoundedDeletion EXPIRED = new BoundedDeletion(
            "outbox_events",
            "state = 'published' AND published_at < now() - make_interval(secs => :retention)",
            RETENTION_BATCH,
            RETENTION_BATCHES);

    /** Keys whose rows are sent concurrently within a pass. */
    private static final int KEYS_IN_FLIGHT = 256;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final MessageTransport transport;
    private final EventCodec codec;
    private final MessagingMetrics metrics;
    private final MessagingProperties.Relay settings;
    /** When the last retention deletion ran ({@link System#nanoTime}); the first sweep runs one. */
    private volatile long lastRetention = System.nanoTime() - RETENTION_EVERY.toNanos();

    public OutboxRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            MessageTransport transport,
            EventCodec codec,
            MessagingMetrics metrics,
            MessagingProperties.Relay settings) {
        this.db = db;
        this.transactions = transactions;
        this.transport = transport;
        this.codec = codec;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    protected Duration sweepInterval() {
        return settings.sweepInterval();
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return drain().then(woken ? Mono.<Void>empty() : housekeeping());
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    /**
     * Publishes every row claimable now; emits how many rows were claimed. Claims and publishes overlap by one
     * batch: the next batch is claimed while the current one is sent, and sent once the current one is marked.
     * The overlap cannot reorder a key: the current batch's rows are in flight, so the next claim holds their
     * keys back (their later rows go in the batch after). Each claim starts only when it is subscribed here, and
     * its transaction ends before the claimed rows are handed on; an error in one of the two steps is raised
     * once the other has finished, so a failed claim never cuts a batch's sending short.
     */
    public Mono<Integer> drain() {
        return timedClaim()
                .expand(rows -> rows.isEmpty()
                        ? Mono.empty()
                        : Mono.zipDelayError(timedPublish(rows).thenReturn(rows), timedClaim())
                                .map(Tuple2::getT2))
                .map(List::size)
                .reduce(0, Integer::sum);
    }

    private Mono<Void> timedPublish(List<Row> rows) {
        return Mono.defer(() -> {
            long publishing = System.nanoTime();
            return publish(rows).then(Mono.fromRunnable(() -> metrics.relayPublished(System.nanoTime() - publishing)));
        });
    }

    private Mono<List<Row>> timedClaim() {
        return Mono.defer(() -> {
            long claiming = System.nanoTime();
            return claim().doOnNext(rows -> metrics.relayClaimed(System.nanoTime() - claiming));
        });
    }

    Mono<List<Row>> claim() {
        return Mono.defer(() -> {
                    // not UUID.randomUUID(): it reads the OS entropy pool, a blocking call on the event loop
                    UUID token = EventIds.next();
                    return transactions.transactional(db.sql(CLAIM_SETTINGS_AND_LOCK)
                            .bind("lock", CLAIM_LOCK)
                            .fetch()
                            .rowsUpdated()
                            .then(db.sql(CLAIM)
                                    .bind("lease", (double) settings.lease().toMillis() / 1000)
                                    .bind("batch", settings.batchSize())
                                    .bind("token", token)
                                    .map(row -> new Row(
                                            row.get("id", Long.class),
                                            row.get("event_type", String.class),
                                            row.get("topic", String.class),
                                            row.get("partition_key", String.class),
                                            row.get("headers", String.class),
                                            row.get("payload", String.class),
                                            token))
                                    .all()
                                    .collectList()));
                })
                .map(rows ->
                        rows.stream().sorted(Comparator.comparingLong(Row::id)).toList());
    }

    /**
     * Sends the pass's rows, each key's rows one after another (the next only once the broker has
     * acknowledged the previous one) and the keys concurrently, each row in a producer call of its own,
     * so that one row the broker refuses holds back its key only. A key's later row is never in the
     * producer while an earlier one can still fail: a batch that expires in the producer can fail while
     * a later batch of the same partition succeeds, which would put a key's events out of order on the
     * topic. After a key's first failure its remaining rows are not sent this pass.
     */
    private Mono<Void> publish(List<Row> rows) {
        Map<Long, Row> byId = rows.stream().collect(Collectors.toMap(Row::id, Function.identity()));
        Map<String, List<Row>> byKey = rows.stream()
                .collect(Collectors.groupingBy(Row::partitionKey, LinkedHashMap::new, Collectors.toList()));
        Set<Long> published = ConcurrentHashMap.newKeySet();
        Map<Long, Throwable> errors = new ConcurrentHashMap<>();
        return Flux.fromIterable(byKey.values())
                .flatMap(
                        keyRows -> Flux.fromIterable(keyRows)
                                .concatMap(row -> transport
                                        .send(Flux.just(message(row)))
                                        .next()
                                        .switchIfEmpty(
                                                Mono.error(() -> new IllegalStateException("no acknowledgement")))
                                        .doOnNext(outcome -> published.add(row.id()))
                                        .doOnError(e -> errors.put(row.id(), e)))
                                .onErrorResume(e -> Mono.empty()),
                        KEYS_IN_FLIGHT)
                .then(Mono.defer(() -> {
                    // rows without an acknowledgement are retried, in order, after a backoff
                    List<Row> failed = rows.stream()
                            .filter(row -> !published.contains(row.id()))
                            .toList();
                    published.forEach(id -> metrics.published(byId.get(id).eventType()));
                    failed.forEach(row -> metrics.publishFailed(row.eventType()));
                    UUID claim = rows.get(0).claim();
                    if (failed.isEmpty()) {
                        return mark(claim, List.copyOf(published), List.of(), null);
                    }
                    Throwable reason = failed.stream()
                            .map(row -> errors.get(row.id()))
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElseGet(() -> new IllegalStateException("no acknowledgement"));
                    log.warn(
                            "{} outbox rows not published, retrying with backoff: {}",
                            failed.size(),
                            String.valueOf(reason));
                    return mark(
                            claim,
                            List.copyOf(published),
                            failed.stream().map(Row::id).toList(),
                            reason);
                }));
    }

    /**
     * Records the pass's outcome in one transaction holding the claim lock shared. A claim holds it
     * exclusively, and its statements see only outcomes committed before it got the lock: without this, an
     * instance whose lease lapsed mid-pass could mark a key's row failed after another instance's claim had
     * read it as claimable but before that claim locked it; the claim would then skip the row (now waiting
     * for its retry) yet take the key's next row, judged against what it had read, and publish it first. Only
     * rows still held by this pass's claim ({@code claim_token}) are marked: a row whose lease lapsed and that
     * another claim took is that claim's to mark.
     */
    private Mono<Void> mark(UUID claim, List<Long> published, List<Long> failed, Throwable reason) {
        if (published.isEmpty() && failed.isEmpty()) {
            return Mono.empty();
        }
        return transactions.transactional(db.sql("SELECT pg_advisory_xact_lock_shared(:lock)")
                .bind("lock", CLAIM_LOCK)
                .fetch()
                .rowsUpdated()
                .then(markPublished(claim, published))
                .then(markFailed(claim, failed, reason)));
    }

    private OutgoingMessage message(Row row) {
        return new OutgoingMessage(
                row.topic(),
                row.partitionKey(),
                row.payload().getBytes(StandardCharsets.UTF_8),
                codec.headersFromJson(row.headers()),
                row.id());
    }

    /** Rows of a claim: still in flight under that claim's token. */
    private static final String HELD = " WHERE id = ANY(:ids) AND state = 'in_flight' AND claim_token = :claim";

    private Mono<Void> markPublished(UUID claim, List<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE outbox_events SET state = 'published', published_at = now(), claimed_until = NULL,"
                        + " last_error = NULL" + HELD)
                .bind("ids", ids.toArray(Long[]::new))
                .bind("claim", claim)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> markFailed(UUID claim, List<Long> ids, Throwable reason) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE outbox_events SET state = 'failed', claimed_until = NULL, last_error = :error,"
                        + " next_attempt_at = clock_timestamp() + LEAST(:max, :initial * power(2, LEAST(send_count, 30) - 1))"
                        + " * interval '1 second'" + HELD)
                .bind("ids", ids.toArray(Long[]::new))
                .bind("claim", claim)
                .bind("error", String.valueOf(reason))
                .bind("initial", (double) settings.initialBackoff().toMillis() / 1000)
                .bind("max", (double) settings.maxBackoff().toMillis() / 1000)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Updates the lag gauges on every sweep and, at most once a {@link #RETENTION_EVERY}, deletes published
     * rows past their retention, {@link #RETENTION_BATCH} at a time. The deletion reads the table without
     * an index (published rows are not in the partial indexes): run on every sweep it scanned the whole
     * outbox each second.
     */
    Mono<Void> housekeeping() {
        Mono<Void> gauges = db.sql("SELECT count(*) AS unpublished,"
                        + " COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at))) * 1000, 0) AS lag_millis"
                        + " FROM outbox_events WHERE state <> 'published'")
                .map(row -> {
                    metrics.outbox(row.get("lag_millis", Number.class).longValue(), row.get("unpublished", Long.class));
                    return true;
                })
                .one()
                .then();
        return gauges.then(Mono.defer(() -> {
            long now = System.nanoTime();
            if (now - lastRetention < RETENTION_EVERY.toNanos()) {
                return Mono.empty();
            }
            lastRetention = now;
            return deleteExpired();
        }));
    }

    /**
     * Deletes published rows past their retention, one bounded batch after another, at most
     * {@link #RETENTION_BATCHES} batches a run (the rest waits for the next run, so publishing never waits
     * long behind it).
     */
    Mono<Void> deleteExpired() {
        return EXPIRED.run(db, settings.retention());
    }

    /** A claimed row; {@code claim} is its claim's token. */
    record Row(
            long id, String eventType, String topic, String partitionKey, String headers, String payload, UUID claim) {}
}
