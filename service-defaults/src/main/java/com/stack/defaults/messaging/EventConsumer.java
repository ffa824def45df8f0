package com.stack.defaults.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.defaults.messaging.transport.IncomingMessage;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs a service's {@link EventSubscription}s as one Kafka consumer group, idempotently.
 *
 * <p>Records of a partition are handled one after another (so per key in order); partitions run
 * concurrently; records of a partition already received are applied in one transaction (see
 * {@link #processBatch}). Each attempt inserts {@code processed_events(consumer, event_id)} and runs the
 * handler in one transaction: a duplicate finds the row and has no effect.
 *
 * <p>A failed attempt rolls back and is classified. A permanent failure (a {@link PoisonEventException}
 * anywhere in the cause chain: the codec could not decode the record or does not read its schema version,
 * the handler refused the data, or the event is older than the deduplication horizon) sends the record to
 * {@code <topic>.dlt} at once, with the reason in {@code stack_dlt_*} headers, and the partition moves on.
 * Every other failure (the database or the broker unreachable, a timeout, a lock conflict, anything not
 * known to be permanent) is retried without a count limit, with exponential backoff capped at
 * {@code stack.messaging.consumer.max-backoff}, while the partition waits and its offset stays uncommitted:
 * an outage delays events, it never drops them. A record is acknowledged only after it was applied, found
 * duplicate, ignored (a type this service does not consume) or dead-lettered.
 */
public class EventConsumer extends BackgroundLoop {

    public static final String DLT_REASON = "stack_dlt_reason";
    public static final String DLT_EXCEPTION = "stack_dlt_exception";
    public static final String DLT_CONSUMER = "stack_dlt_consumer";
    public static final String DLT_ATTEMPTS = "stack_dlt_attempts";
    public static final String DLT_ORIGIN = "stack_dlt_origin";
    /** The failure's message (the reason header holds its {@link PoisonEventException#reason() code}). */
    public static final String DLT_DETAIL = "stack_dlt_detail";

    /** A record still failing after this many retries is logged again every this many retries. */
    private static final long LOG_EVERY_RETRIES = 10;

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration BATCH_WAIT = Duration.ofMillis(2);

    private final String consumer;
    private final Map<String, EventSubscription<?>> subscriptions;
    private final MessageTransport transport;
    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final EventCodec codec;
    private final MessagingMetrics metrics;
    private final TracePropagation trace;
    private final MessagingProperties properties;

    public EventConsumer(
            String consumer,
            List<EventSubscription<?>> subscriptions,
            MessageTransport transport,
            DatabaseClient db,
            TransactionalOperator transactions,
            EventCodec codec,
            MessagingMetrics metrics,
            TracePropagation trace,
            MessagingProperties properties) {
        this.consumer = consumer;
        this.subscriptions = subscriptions.stream()
                .collect(Collectors.toMap(
                        s -> EventType.of(s.payloadClass()).type(),
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalStateException(
                                    "Two subscriptions for " + a.payloadClass().getName());
                        },
                        LinkedHashMap::new));
        this.transport = transport;
        this.db = db;
        this.transactions = transactions;
        this.codec = codec;
        this.metrics = metrics;
        this.trace = trace;
        this.properties = properties;
        metrics.consumerStarted(consumer, this.subscriptions.keySet());
    }

    /** The consumer group, also the consumer's name in {@code processed_events}. */
    public String group() {
        return consumer;
    }

    public List<String> topics() {
        return subscriptions.values().stream()
                .map(s -> properties.topic(EventType.of(s.payloadClass()).topic()))
                .distinct()
                .toList();
    }

    @Override
    protected Disposable begin() {
        if (subscriptions.isEmpty()) {
            return null;
        }
        List<String> topics = topics();
        List<String> all = new ArrayList<>(topics);
        topics.forEach(topic -> all.add(Topics.deadLetter(topic)));
        return transport
                .ensureTopics(all)
                .thenMany(Flux.defer(() -> transport.receive(consumer, topics)))
                .groupBy(message -> message.topic() + "#" + message.partition())
                .flatMap(
                        partition -> partition
                                .bufferTimeout(Math.max(1, properties.consumer().batchSize()), BATCH_WAIT, true)
                                .concatMap(this::processBatch),
                        4096)
                .doOnError(e -> log.warn("Consumer {} stopped; resubscribing", consumer, e))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, properties.consumer().initialBackoff())
                        .maxBackoff(properties.consumer().maxBackoff()))
                .subscribe();
    }

    /**
     * Applies a partition's batch in one transaction (fewer commits under load); if anything in it
     * fails, the transaction rolls back and the records are processed one by one, with retries and
     * dead-lettering, so one poison record costs its batch a retry and nothing else.
     */
    private Mono<Void> processBatch(List<IncomingMessage> batch) {
        if (batch.size() == 1) {
            return process(batch.get(0));
        }
        List<Delivery<?>> deliveries = new ArrayList<>();
        for (IncomingMessage message : batch) {
            String type = message.headers().get(EventCodec.TYPE);
            EventSubscription<?> subscription = type == null ? null : subscriptions.get(type);
            if (subscription != null) {
                deliveries.add(new Delivery<>(subscription, message, type));
            }
        }
        return transactions
                .transactional(Flux.defer(() -> applyOnce(deliveries)).collectList())
                .doOnNext(applied -> applied.forEach(a -> metrics.consumed(a.type(), consumer, a.applied())))
                .then(Mono.fromRunnable(() -> batch.forEach(IncomingMessage::acknowledge)))
                .then()
                .onErrorResume(e -> {
                    log.debug(
                            "Batch of {} failed in consumer {}; processing its records one by one",
                            batch.size(),
                            consumer,
                            e);
                    return Flux.fromIterable(batch).concatMap(this::process).then();
                });
    }

    private record Applied(String type, boolean applied) {}

    /** A record this consumer subscribes to, with its subscription and CloudEvents type. */
    private record Delivery<T extends EventPayload>(
            EventSubscription<T> subscription, IncomingMessage message, String type) {

        EventEnvelope<T> decode(EventCodec codec) {
            return codec.decode(message.headers(), message.value(), subscription.payloadClass());
        }
    }

    /** A decoded delivery, ready to be applied. */
    private record Decoded<T extends EventPayload>(Delivery<T> delivery, EventEnvelope<T> event) {

        Mono<Void> handle() {
            return delivery.subscription().handler().handle(event);
        }
    }

    private Mono<Void> process(IncomingMessage message) {
        String type = message.headers().get(EventCodec.TYPE);
        EventSubscription<?> subscription = type == null ? null : subscriptions.get(type);
        if (subscription == null) {
            // another service's event on a shared topic, or a record without a type; nothing to do here
            message.acknowledge();
            return Mono.empty();
        }
        AtomicLong attempts = new AtomicLong();
        AtomicBoolean retrying = new AtomicBoolean();
        return Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return handleOnce(subscription, message);
                })
                .doOnError(e -> metrics.failed(type, consumer))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, properties.consumer().initialBackoff())
                        .maxBackoff(properties.consumer().maxBackoff())
                        .filter(e -> PoisonEventException.in(e) == null)
                        .doBeforeRetry(signal -> {
                            if (retrying.compareAndSet(false, true)) {
                                metrics.retryingStarted(consumer);
                            }
                            metrics.retried(type, consumer);
                            if (signal.totalRetries() % LOG_EVERY_RETRIES == 0) {
                                log.warn(
                                        "Event {} at {}/{}@{} failed {} times in consumer {}; retrying (transient)",
                                        type,
                                        message.topic(),
                                        message.partition(),
                                        message.offset(),
                                        signal.totalRetries() + 1,
                                        consumer,
                                        signal.failure());
                            }
                        }))
                .onErrorResume(e -> deadLetter(message, type, e, attempts.get()))
                .doFinally(signal -> {
                    if (retrying.get()) {
                        metrics.retryingEnded(consumer);
                    }
                })
                .then(Mono.fromRunnable(message::acknowledge));
    }

    private Mono<Void> handleOnce(EventSubscription<?> subscription, IncomingMessage message) {
        String type = message.headers().get(EventCodec.TYPE);
        return transactions
                .transactional(Flux.defer(() -> applyOnce(List.of(new Delivery<>(subscription, message, type))))
                        .doOnNext(applied -> metrics.consumed(type, consumer, applied.applied())))
                .then();
    }

    /**
     * Records the deliveries' events as processed, in one statement, and runs the handlers of those
     * seen for the first time, in order, all in the caller's transaction. An event already recorded,
     * or repeated within the same batch, is a duplicate and has no effect.
     */
    private Flux<Applied> applyOnce(List<Delivery<?>> deliveries) {
        if (deliveries.isEmpty()) {
            return Flux.empty();
        }
        List<Decoded<?>> decoded =
                deliveries.stream().<Decoded<?>>map(this::decode).toList();
        UUID[] ids = decoded.stream().map(d -> d.event().id()).toArray(UUID[]::new);
        String[] types = decoded.stream().map(d -> d.delivery().type()).toArray(String[]::new);
        return db.sql("INSERT INTO processed_events (consumer, event_id, event_type)"
                        + " SELECT :consumer, e.id, e.type FROM unnest(:ids::uuid[], :types::varchar[]) AS e(id, type)"
                        + " ON CONFLICT DO NOTHING RETURNING event_id")
                .bind("consumer", consumer)
                .bind("ids", ids)
                .bind("types", types)
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(Collectors.toCollection(HashSet::new))
                .flatMapMany(firstSeen -> Flux.fromIterable(decoded)
                        .concatMap(d -> firstSeen.remove(d.event().id())
                                ? beyondHorizon(d)
                                        .then(traced(d))
                                        .thenReturn(new Applied(d.delivery().type(), true))
                                : Mono.just(new Applied(d.delivery().type(), false))));
    }

    /**
     * An event first seen here that is older than the dedupe retention may be a late duplicate whose
     * {@code processed_events} row was already deleted: it is not applied blindly but dead-lettered for an
     * operator (the error rolls back the row just inserted).
     */
    private Mono<Void> beyondHorizon(Decoded<?> decoded) {
        Instant horizon = Instant.now().minus(properties.consumer().dedupeRetention());
        if (decoded.event().time().isBefore(horizon)) {
            return Mono.error(new PoisonEventException(
                    PoisonEventException.BEYOND_DEDUPE_HORIZON,
                    "event "
                            + decoded.event().id() + " of " + decoded.event().time()
                            + " is older than the dedupe horizon "
                            + horizon));
        }
        return Mono.empty();
    }

    private <T extends EventPayload> Decoded<T> decode(Delivery<T> delivery) {
        return new Decoded<>(delivery, delivery.decode(codec));
    }

    /** Runs the handler inside a consumer span that continues the producer's trace. */
    private Mono<Void> traced(Decoded<?> decoded) {
        Span span = trace.startConsumerSpan(
                decoded.event().traceparent(), "consume " + decoded.event().type());
        Mono<Void> handled = Mono.defer(decoded::handle);
        if (span == null) {
            return handled;
        }
        return handled.contextWrite(context -> context.put(TracePropagation.CONTEXT_KEY, trace.traceparentOf(span)))
                .doOnError(span::error)
                .doFinally(signal -> span.end());
    }

    private Mono<Void> deadLetter(IncomingMessage message, String type, Throwable failure, long attempts) {
        PoisonEventException poison = PoisonEventException.in(failure);
        Map<String, String> headers = new LinkedHashMap<>(message.headers());
        headers.put(DLT_REASON, poison != null ? poison.reason() : "unclassified");
        headers.put(DLT_DETAIL, String.valueOf(failure.getMessage()));
        headers.put(
                DLT_EXCEPTION,
                (poison != null && poison.getCause() != null ? poison.getCause() : failure)
                        .getClass()
                        .getName());
        headers.put(DLT_CONSUMER, consumer);
        headers.put(DLT_ATTEMPTS, String.valueOf(attempts));
        headers.put(DLT_ORIGIN, message.topic() + "/" + message.partition() + "@" + message.offset());
        OutgoingMessage dead = new OutgoingMessage(
                Topics.deadLetter(message.topic()), message.key(), message.value(), headers, message.offset());
        log.error(
                "Event {} at {} can never be applied in consumer {} ({}); dead-lettered",
                type,
                headers.get(DLT_ORIGIN),
                consumer,
                headers.get(DLT_REASON),
                failure);
        // the offset is committed only once the dead letter is safely written
        return transport
                .send(Flux.just(dead))
                .next()
                .flatMap(outcome -> outcome.succeeded() ? Mono.<Void>empty() : Mono.error(outcome.error()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, properties.consumer().initialBackoff())
                        .maxBackoff(properties.consumer().maxBackoff()))
                .doOnSuccess(done -> metrics.deadLettered(type, consumer));
    }
}
