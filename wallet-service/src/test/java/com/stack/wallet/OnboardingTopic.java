package com.stack.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import com.stack.contracts.events.Topics;
import com.stack.defaults.messaging.EventCodec;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import reactor.core.publisher.Flux;

/** Publishes events onto the onboarding topic of a test run, the way onboarding's outbox relay does. */
public final class OnboardingTopic {

    private final MessageTransport transport;
    private final EventCodec codec;
    private final String topic;

    public OnboardingTopic(MessageTransport transport, EventCodec codec, String topicSuffix) {
        this.transport = transport;
        this.codec = codec;
        this.topic = Topics.ONBOARDING + topicSuffix;
    }

    /** A new event from onboarding about {@code data.userId()}. */
    public static <T extends EventPayload> EventEnvelope<T> event(T data) {
        return EventEnvelope.of("/stack/onboarding-service", data);
    }

    /** Sends {@code event} {@code times} times (the same record: a redelivery), and waits for the broker's acks. */
    public void publish(EventEnvelope<?> event, int times) {
        OutgoingMessage message = new OutgoingMessage(
                topic,
                event.subject(),
                codec.payloadJson(event.data()).getBytes(StandardCharsets.UTF_8),
                codec.headers(event),
                0);
        assertThat(transport
                        .send(Flux.fromIterable(Collections.nCopies(times, message)))
                        .collectList()
                        .block(Duration.ofSeconds(30)))
                .hasSize(times)
                .allMatch(outcome -> outcome.succeeded());
    }
}
