package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** The user's buying power after a ledger posting (funding). Amounts are exact USD decimal strings. */
public record BuyingPowerChanged(
        UUID userId,
        String buyingPower,
        String pendingDeposits,
        String pendingWithdrawals,
        long version,
        Instant changedAt)
        implements EventPayload {}
