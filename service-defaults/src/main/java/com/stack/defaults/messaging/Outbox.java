package com.stack.defaults.messaging;

import java.util.Map;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import com.stack.defaults.transactions.AfterCommit;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Appends events to the transactional outbox. {@link #append} must run inside the R2DBC transaction
 * that makes the state change the event announces (a {@code TransactionalOperator} or
 * {@code @Transactional}): both commit or neither does. After the commit the relay is woken up.
 */
public class Outbox {

    private final DatabaseClient db;
    private final EventCodec codec;
    private final TracePropagation trace;
    private final MessagingProperties properties;
    private final String source;
    private final Runnable afterCommit;

    public Outbox(
            DatabaseClient db,
            EventCodec codec,
            TracePropagation trace,
            MessagingProperties properties,
            String source,
            Runnable afterCommit) {
        this.source = source;
        this.db = db;
        this.codec = codec;
        this.trace = trace;
        this.properties = properties;
        this.afterCommit = afterCommit;
    }

    /** Appends a new event about {@code data.userId()}, from this service, happening now. */
    public Mono<Void> append(EventPayload data) {
        return append(EventEnvelope.of(source, data));
    }

    public Mono<Void> append(EventEnvelope<?> event) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorMap(NoTransactionException.class, Outbox::outsideTransaction)
                .flatMap(transaction -> {
                    if (!transaction.isActualTransactionActive()) {
                        return Mono.error(outsideTransaction(null));
                    }
                    return AfterCommit.run(afterCommit)
                            .then(Mono.deferContextual(context -> insert(
                                    event.traceparent() != null
                                            ? event
                                            : event.withTraceparent(trace.traceparent(context)))));
                });
    }

    private Mono<Void> insert(EventEnvelope<?> event) {
        Map<String, String> headers = codec.headers(event);
        return db.sql("INSERT INTO outbox_events (event_id, event_type, topic, partition_key, headers, payload) "
                        + "VALUES (:eventId, :type, :topic, :key, :headers, :payload)")
                .bind("eventId", event.id())
                .bind("type", event.type())
                .bind("topic", properties.topic(event.eventType().topic()))
                .bind("key", event.subject())
                .bind("headers", codec.headersJson(headers))
                .bind("payload", codec.payloadJson(event.data()))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static IllegalStateException outsideTransaction(Throwable cause) {
        return new IllegalStateException(
                "Outbox.append must run inside the transaction of the state change it announces", cause);
    }
}
