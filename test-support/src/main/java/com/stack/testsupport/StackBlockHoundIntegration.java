package com.stack.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Known blocking calls that are not I/O on a request's critical path (one-time reads at warm-up, libraries'
 * short in-memory locks), allowed by name so that every other blocking call on a non-blocking thread still
 * fails the test.
 */
public class StackBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // graphql-java loads its validation message bundle from the jar the first time it validates;
        // the JDK caches the bundle afterwards.
        builder.allowBlockingCallsInside("graphql.i18n.I18n", "i18n");
        // Jackson builds a type's deserializer once, under an in-memory lock; two responses of a type decoded
        // at the same moment the first time make one wait for the other (jackson-databind #4430, #4561)
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        // Resilience4j 2.x guards a circuit breaker's sliding window (and its open -> half-open step) with a
        // ReentrantLock held for a few field updates; calls completing together on two event loops contend
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record");
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "getSnapshot");
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics", "record");
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics", "getSnapshot");
        builder.allowBlockingCallsInside(
                "io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine$OpenState", "toHalfOpenState");
        // Lettuce guards a connection's writers with a ReentrantLock held for a few field updates; two event loops
        // publishing on one connection at once contend. A BlockingOperationError thrown from inside it leaves
        // the lock in exclusive mode for good (the next writer spins forever on its event loop: lettuce#3804,
        // #3880), which is the harness breaking Lettuce, not a blocking call of ours
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
        // OpenTelemetry's batch span processor wakes its export thread through a one-slot ArrayBlockingQueue
        // when a batch fills up; offering to it takes the queue's lock for a field update, and a span ending on an
        // event loop while the export thread polls contends (seen: a 401 turned into a 500, one request in 3,600)
        builder.allowBlockingCallsInside("io.opentelemetry.sdk.trace.export.BatchSpanProcessor$Worker", "addSpan");
        // the AWS SDK's Netty client (DriveWealth's SQS queue) closes its connection pools on Netty's global
        // event executor and waits there for each channel: on the client's shutdown only, never a request
        builder.allowBlockingCallsInside("software.amazon.awssdk.http.nio.netty.internal.BetterSimpleChannelPool", "close");
    }
}
