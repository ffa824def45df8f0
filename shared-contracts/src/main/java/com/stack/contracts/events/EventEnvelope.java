package com.stack.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event, with the CloudEvents context attributes (spec 1.0) it travels with. On Kafka it is
 * written in CloudEvents' binary mode: the attributes are {@code ce_*} headers, the data is the
 * record's JSON value and the record key is the subject (the user id).
 *
 * @param id          unique per event; consumers deduplicate on it
 * @param type        for example {@code com.stack.onboarding.UserRegistered}
 * @param source      the producing service, for example {@code /stack/onboarding-service}
 * @param time        when the state change happened
 * @param subject     the user the event is about (the partition key)
 * @param dataVersion schema version of the data ({@link EventType#V1}); on Kafka, the last segment of the standard
 *                    {@code dataschema} attribute
 * @param traceparent W3C trace context of the change that caused the event, or null
 * @param data        the payload
 */
public record EventEnvelope<T extends EventPayload>(
        UUID id,
        String type,
        String source,
        Instant time,
        String subject,
        String dataVersion,
        String traceparent,
        T data) {

    public static final String SPEC_VERSION = "1.0";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(dataVersion, "dataVersion");
        Objects.requireNonNull(data, "data");
    }

    /** A new event about {@code data.userId()}, now, without trace context (the outbox adds the current one). */
    public static <T extends EventPayload> EventEnvelope<T> of(String source, T data) {
        EventType eventType = EventType.of(data.getClass());
        return new EventEnvelope<>(
                EventIds.next(),
                eventType.type(),
                source,
                Instant.now(),
                data.userId().toString(),
                eventType.schemaVersion(),
                null,
                data);
    }

    public EventType eventType() {
        return EventType.ofType(type).orElseThrow(() -> new IllegalStateException("Unknown event type " + type));
    }

    public EventEnvelope<T> withTraceparent(String value) {
        return new EventEnvelope<>(id, type, source, time, subject, dataVersion, value, data);
    }
}
