package com.stack.defaults.messaging.transport;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * How many records of each topic {@code group} has not consumed yet: per partition, the end offset less the
     * group's committed offset (the earliest offset where it committed none). A topic that does not exist counts 0.
     */
    Mono<Map<String, Long>> backlog(String group, Collection<String> topics);

    /**
     * Moves {@code group}'s backlog of {@code topic} as of this call: each record in offset order per partition
     * is mapped by {@code route}, sent, and only once the broker acknowledged the send is the group's offset
     * committed past it. A crash between the two re-sends that record next time (a duplicate, which idempotent
     * consumers ignore); records that arrive after the call are left for the next one. Emits how many were moved.
     */
    Mono<Long> forward(String group, String topic, Function<IncomingMessage, OutgoingMessage> route);

    @Override
    void close();
}
