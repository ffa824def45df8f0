package com.stack.funding.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The sagas' commands, recorded in the {@code saga_commands} outbox in the transaction of the state change that
 * calls for them, then executed by the command runner.
 */
public enum SagaCommand {
    /** Deposit, CONFIRMED_ON_CHAIN: ask the ramp partner to pay the deposit's USD out (the off-ramp). */
    INITIATE_OFF_RAMP(SagaCommand.DEPOSIT_SAGA),
    /** Deposit, OFF_RAMP_COMPLETE: ask the broker to credit the USD to the user's brokerage account. */
    FUND_BROKER(SagaCommand.DEPOSIT_SAGA),
    /** Withdrawal, PENDING (held): ask the broker to pay the USD out of the user's brokerage account. */
    INITIATE_BROKER_WITHDRAWAL(SagaCommand.WITHDRAWAL_SAGA),
    /**
     * Withdrawal, BROKER_WITHDRAWAL_COMPLETE: ask the ramp partner for the USDC (the on-ramp). Recorded, not
     * executed yet: no handler runs it, so it stays {@code pending} until the on-ramp step is built.
     */
    INITIATE_WITHDRAWAL_ON_RAMP(SagaCommand.WITHDRAWAL_SAGA);

    public static final String DEPOSIT_SAGA = "deposit";
    public static final String WITHDRAWAL_SAGA = "withdrawal";

    private final String sagaType;

    SagaCommand(String sagaType) {
        this.sagaType = sagaType;
    }

    /** {@code deposit} or {@code withdrawal}: the saga whose row {@code saga_id} names. */
    public String sagaType() {
        return sagaType;
    }

    /**
     * The idempotency key of this command for the saga: a name-based UUID (RFC 4122 version 3) of the saga type,
     * the command and the saga's id, so every attempt, by any instance and after any crash, sends the partner
     * the same key and the partner acts once.
     */
    public UUID idempotencyKey(UUID sagaId) {
        return UUID.nameUUIDFromBytes(("stack:" + sagaType + ":" + name() + ":" + sagaId).getBytes(StandardCharsets.UTF_8));
    }
}
