package com.stack.defaults.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import com.stack.contracts.events.EventType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events on the wire in CloudEvents' Kafka binary mode (CloudEvents 1.0 and its Kafka protocol binding): the
 * standard context attributes are {@code ce_*} headers, {@code datacontenttype} is the {@code content-type} header,
 * the data is the JSON value, W3C trace context is the {@code traceparent} header. The data's schema version is part
 * of the standard {@code dataschema} attribute, a URI naming the contract: {@code urn:stack:events:<type>:<version>}.
 *
 * <p>The headers are written here rather than by the CloudEvents SDK: the outbox stores them with the row and the
 * transport sends them as they are, so the SDK would only add a conversion in between.
 */
public final class EventCodec {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /**
     * The schema version as events written before {@code dataschema} carried it (a non-standard attribute); read
     * when {@code dataschema} is absent, so records already in topics and outboxes stay readable.
     */
    static final String LEGACY_DATA_VERSION = "ce_dataversion";

    private static final String SCHEMA_PREFIX = "urn:stack:events:";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JsonMapper json = JsonMapper.builder().build();

    public String payloadJson(EventPayload data) {
        return json.writeValueAsString(data);
    }

    public Map<String, String> headers(EventEnvelope<?> event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, event.id().toString());
        headers.put(TYPE, event.type());
        headers.put(SOURCE, event.source());
        headers.put(TIME, event.time().toString());
        headers.put(SUBJECT, event.subject());
        headers.put(SPEC_VERSION, EventEnvelope.SPEC_VERSION);
        headers.put(DATA_SCHEMA, dataSchema(event.type(), event.dataVersion()));
        headers.put(CONTENT_TYPE, "application/json");
        if (event.traceparent() != null) {
            headers.put(TRACEPARENT, event.traceparent());
        }
        return headers;
    }

    public String headersJson(Map<String, String> headers) {
        return json.writeValueAsString(headers);
    }

    public Map<String, String> headersFromJson(String headers) {
        return json.readValue(headers, HEADERS);
    }

    /**
     * Reads an event. A record that can never be read (missing or malformed headers, data that does not match its
     * type, a schema version other than the contract's) fails with a {@link PoisonEventException}: retrying it
     * cannot help.
     */
    public <T extends EventPayload> EventEnvelope<T> decode(
            Map<String, String> headers, byte[] value, Class<T> payloadClass) {
        String version = dataVersion(headers);
        String expected = EventType.of(payloadClass).schemaVersion();
        if (!expected.equals(version)) {
            throw new PoisonEventException(
                    PoisonEventException.UNSUPPORTED_VERSION,
                    "data version " + version + " of " + headers.get(TYPE) + ", this service reads " + expected);
        }
        try {
            T data = json.readValue(value, payloadClass);
            return new EventEnvelope<>(
                    UUID.fromString(require(headers, ID)),
                    require(headers, TYPE),
                    require(headers, SOURCE),
                    Instant.parse(require(headers, TIME)),
                    require(headers, SUBJECT),
                    version,
                    headers.get(TRACEPARENT),
                    data);
        } catch (RuntimeException e) {
            throw new PoisonEventException(PoisonEventException.UNDECODABLE, String.valueOf(e.getMessage()), e);
        }
    }

    /** The {@code dataschema} of data of {@code type} in schema {@code version}. */
    public static String dataSchema(String type, String version) {
        return SCHEMA_PREFIX + type + ":" + version;
    }

    /**
     * The schema version of a record's data: the last segment of its {@code dataschema}; for a record without one,
     * the legacy header, else {@link EventType#V1}. A {@code dataschema} that is not one of ours for the record's
     * type cannot be read.
     */
    private static String dataVersion(Map<String, String> headers) {
        String schema = headers.get(DATA_SCHEMA);
        if (schema == null) {
            return headers.getOrDefault(LEGACY_DATA_VERSION, EventType.V1);
        }
        String ours = SCHEMA_PREFIX + headers.get(TYPE) + ":";
        if (!schema.startsWith(ours) || schema.length() == ours.length()) {
            throw new PoisonEventException(
                    PoisonEventException.UNSUPPORTED_VERSION,
                    "dataschema " + schema + " is not a version of " + headers.get(TYPE));
        }
        return schema.substring(ours.length());
    }

    private static String require(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing header " + name);
        }
        return value;
    }
}
