package com.stack.sandbox.circle.notifications.domain;

import java.time.Instant;
import java.util.List;

/**
 * A transfer the simulated chain brought into one of the sandbox's wallets, as Circle tracks it: one
 * transaction id, announced once per state it goes through.
 *
 * @param amount the decimal string exactly as given (not normalised: a receiver must cope with any precision)
 * @param states the states announced, in chain order (such as CONFIRMED then COMPLETE)
 */
public record InboundTransaction(
        String id,
        String blockchain,
        String tokenId,
        String walletId,
        String destinationAddress,
        String amount,
        String txHash,
        List<String> states,
        Instant createDate) {

    public InboundTransaction {
        states = List.copyOf(states);
    }
}
