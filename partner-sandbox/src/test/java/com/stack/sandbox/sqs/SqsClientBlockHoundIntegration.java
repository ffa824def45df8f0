package com.stack.sandbox.sqs;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The AWS SDK's Netty HTTP client closes its connection pools on Netty's global event executor and
 * waits there for each channel to close: a blocking call on a thread Netty marks non-blocking, on the
 * client's shutdown only (not on any request path). Allowed by name; without it the close times out
 * after 5 s and logs an error for every client the tests close.
 */
public class SqsClientBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("software.amazon.awssdk.http.nio.netty.internal.BetterSimpleChannelPool", "close");
    }
}
