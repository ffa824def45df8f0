package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventType;
import com.stack.contracts.events.v1.KycStatusChanged;
import org.junit.jupiter.api.Test;

/** The CloudEvents binary-mode headers: standard attributes only, the schema version in {@code dataschema}. */
class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final EventEnvelope<KycStatusChanged> event = EventEnvelope.of(
            "/test",
            new KycStatusChanged(UUID.randomUUID(), "APPROVED", 3, Instant.parse("2026-12-07T10:00:00Z"), "US"));

    @Test
    void writesTheStandardAttributesWithTheSchemaVersionInDataschema() {
        Map<String, String> headers = codec.headers(event);

        assertThat(headers)
                .containsOnlyKeys(
                        "ce_id",
                        "ce_type",
                        "ce_source",
                        "ce_time",
                        "ce_subject",
                        "ce_specversion",
                        "ce_dataschema",
                        "content-type")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", "com.stack.onboarding.KycStatusChanged")
                .containsEntry("ce_dataschema", "urn:stack:events:com.stack.onboarding.KycStatusChanged:v1")
                .containsEntry("content-type", "application/json");
    }

    @Test
    void readsBackWhatItWrote() {
        EventEnvelope<KycStatusChanged> read = codec.decode(codec.headers(event), value(), KycStatusChanged.class);

        assertThat(read).isEqualTo(event);
        assertThat(read.dataVersion()).isEqualTo(EventType.V1);
    }

    @Test
    void readsRecordsWrittenBeforeDataschemaByTheirLegacyVersionHeader() {
        Map<String, String> legacy = new LinkedHashMap<>(codec.headers(event));
        legacy.remove(EventCodec.DATA_SCHEMA);
        legacy.put(EventCodec.LEGACY_DATA_VERSION, "v1");

        assertThat(codec.decode(legacy, value(), KycStatusChanged.class).data()).isEqualTo(event.data());

        legacy.put(EventCodec.LEGACY_DATA_VERSION, "v2");
        assertThatThrownBy(() -> codec.decode(legacy, value(), KycStatusChanged.class))
                .isInstanceOfSatisfying(
                        PoisonEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(PoisonEventException.UNSUPPORTED_VERSION));
    }

    @Test
    void refusesAnotherVersionOrADataschemaThatIsNotOursForTheType() {
        for (String schema : new String[] {
            EventCodec.dataSchema(event.type(), "v2"),
            EventCodec.dataSchema("com.stack.wallet.WalletCreated", "v1"),
            "https://example.com/schemas/kyc.json",
            "urn:stack:events:com.stack.onboarding.KycStatusChanged:"
        }) {
            Map<String, String> headers = new LinkedHashMap<>(codec.headers(event));
            headers.put(EventCodec.DATA_SCHEMA, schema);

            assertThatThrownBy(() -> codec.decode(headers, value(), KycStatusChanged.class))
                    .as(schema)
                    .isInstanceOfSatisfying(
                            PoisonEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(PoisonEventException.UNSUPPORTED_VERSION));
        }
    }

    private byte[] value() {
        return codec.payloadJson(event.data()).getBytes(StandardCharsets.UTF_8);
    }
}
