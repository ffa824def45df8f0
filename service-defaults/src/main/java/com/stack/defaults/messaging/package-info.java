/**
 * The event backbone every service shares: a transactional outbox ({@link com.stack.defaults.messaging.Outbox},
 * relayed by {@link com.stack.defaults.messaging.OutboxRelay}), idempotent consumers
 * ({@link com.stack.defaults.messaging.EventConsumer} running {@link com.stack.defaults.messaging.EventSubscription}
 * beans), CloudEvents headers and W3C trace context on Kafka ({@link com.stack.defaults.messaging.EventCodec}),
 * and metrics ({@link com.stack.defaults.messaging.MessagingMetrics}). Reactor Kafka is used in exactly one class,
 * {@link com.stack.defaults.messaging.transport.ReactorKafkaTransport}, behind
 * {@link com.stack.defaults.messaging.transport.MessageTransport}.
 *
 * <p>To publish, a service sets {@code stack.messaging.publishes=true}, adds {@code classpath:db/messaging} to
 * {@code spring.flyway.locations} and calls {@code outbox.append(payload)} inside the transaction of its state
 * change. To consume, it adds the same Flyway location and declares
 * {@code EventSubscription.on(PayloadRecord.class, handler)} beans; handlers run inside the transaction that
 * records the event as processed, and must refuse stale transitions themselves (events of one key arrive in
 * order, but a duplicate published after a crash may arrive again later).
 */
package com.stack.defaults.messaging;
