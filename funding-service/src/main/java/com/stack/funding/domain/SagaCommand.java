package com.stack.funding.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The deposit saga's commands, recorded in the {@code saga_commands} outbox in the transaction of the
 * state change that calls for them, then executed by the command runner.
 */
public enum SagaCommand {
    /** CONFIRMED_ON_CHAIN: ask the ramp partner to pay the deposit's USD out (the off-ramp). */
    INITIATE_OFF_RAMP,
    /** OFF_RAMP_COMPLETE: ask the broker to credit the USD to the user's brokerage account. */
    FUND_BROKER;

    public static final String DEPOSIT_SAGA = "deposit";

    /**
     * The idempotency key of this command for the deposit: a name-based UUID (RFC 4122 version 3) of the
     * command and the deposit id, so every attempt, by any instance and after any crash, sends the partner
     * the same key and the partner acts once.
     */
    public UUID idempotencyKey(UUID depositId) {
        return UUID.nameUUIDFromBytes(("stack:" + DEPOSIT_SAGA + ":" + name() + ":" + depositId)
                .getBytes(StandardCharsets.UTF_8));
    }
}
