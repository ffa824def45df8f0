package com.stack.defaults.messaging.transport;

import java.util.Collection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The broker, as the outbox relay and the consumers see it. The only implementation speaks Reactor
 * Kafka ({@link ReactorKafkaTransport}); replacing Reactor Kafka means replacing that one class.
 */
public interface MessageTransport extends AutoCloseable {

    /**
     * Publishes in order and emits one outcome per acknowledged message. Stops at the first failure
     * (the flux then errors): no message after a failed one is sent by this call, so a later event
     * of a key can never be published ahead of an earlier one that failed (for example while the
     * producer still waits for the topic's metadata). Outcomes of messages not acknowledged before
     * the error are unknown: treat them as not sent (sending them again is safe, consumers deduplicate).
     */
    Flux<SendOutcome> send(Flux<OutgoingMessage> messages);

    /**
     * Subscribes {@code group} to {@code topics}. Records of one partition are emitted in offset
     * order; nothing is committed unless acknowledged.
     */
    Flux<IncomingMessage> receive(String group, Collection<String> topics);

    /** Creates the topics that do not exist yet. */
    Mono<Void> ensureTopics(Collection<String> topics);

    @Override
    void close();
}
