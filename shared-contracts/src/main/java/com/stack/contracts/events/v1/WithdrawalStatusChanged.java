package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** A withdrawal moved to {@code status} (funding). Amounts are exact decimal strings. */
public record WithdrawalStatusChanged(
        UUID userId,
        UUID withdrawalId,
        String status,
        String amount,
        String currency,
        String reason,
        long version,
        Instant changedAt)
        implements EventPayload {}
