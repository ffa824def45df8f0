package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** A deposit moved to {@code status} (funding). Amounts are exact decimal strings, for example "100.000000". */
public record DepositStatusChanged(
        UUID userId, UUID depositId, String status, String amount, String currency, long version, Instant changedAt)
        implements EventPayload {}
