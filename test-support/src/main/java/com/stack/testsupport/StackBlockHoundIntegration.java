package com.stack.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * How BlockHound judges the tests' non-blocking threads: waiting for an in-memory lock is contention, counted
 * and allowed ({@link LockWaits}); known blocking calls that are not I/O on a request's critical path (one-time
 * reads at warm-up, a client's shutdown) are allowed by name; every other blocking call fails the test.
 */
public class StackBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // a non-blocking thread waiting for an in-memory lock is counted, not failed; anything else fails (LockWaits)
        builder.blockingMethodCallback(LockWaits::onBlockingCall);
        // graphql-java loads its validation message bundle from the jar the first time it validates;
        // the JDK caches the bundle afterwards.
        builder.allowBlockingCallsInside("graphql.i18n.I18n", "i18n");
        // the AWS SDK's Netty client (DriveWealth's SQS queue) closes its connection pools on Netty's global
        // event executor and waits there for each channel: on the client's shutdown only, never a request
        builder.allowBlockingCallsInside(
                "software.amazon.awssdk.http.nio.netty.internal.BetterSimpleChannelPool", "close");
    }
}
