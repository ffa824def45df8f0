package com.stack.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Known one-time blocking reads that are not on a request's critical path after warm-up, allowed
 * by name so that every other blocking call on a non-blocking thread still fails the test.
 */
public class StackBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // graphql-java loads its validation message bundle from the jar the first time it validates;
        // the JDK caches the bundle afterwards.
        builder.allowBlockingCallsInside("graphql.i18n.I18n", "i18n");
    }
}
