package com.stack.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.stack.contracts.events.v1.UserRegistered;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    @Test
    void everyContractHasOneTypeAndATopicOfItsDomain() {
        Set<String> types = new HashSet<>();
        for (EventType type : EventType.values()) {
            assertThat(types.add(type.type())).isTrue();
            assertThat(EventType.of(type.payloadClass())).isEqualTo(type);
            assertThat(type.topic()).startsWith("stack.").endsWith(".v1");
            assertThat(type.schemaVersion()).isEqualTo("v1");
        }
    }

    @Test
    void anEnvelopeIsAboutTheUserOfItsData() {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserRegistered> event = EventEnvelope.of(
                "/stack/onboarding-service", new UserRegistered(user, "ada@example.com", null, Instant.now()));

        assertThat(event.subject()).isEqualTo(user.toString());
        assertThat(event.type()).isEqualTo("com.stack.onboarding.UserRegistered");
        assertThat(event.eventType().topic()).isEqualTo(Topics.ONBOARDING);
        assertThat(event.traceparent()).isNull();
    }

    @Test
    void eventIdsAreVersion7AndUnique() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = EventIds.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
