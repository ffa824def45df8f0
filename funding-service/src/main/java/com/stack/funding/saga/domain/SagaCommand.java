package com.stack.funding.saga.domain;

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
     * Withdrawal, BROKER_WITHDRAWAL_COMPLETE: ask the ramp partner for the USDC, sent into the user's custody
     * wallet on the withdrawal's chain (the on-ramp).
     */
    INITIATE_WITHDRAWAL_ON_RAMP(SagaCommand.WITHDRAWAL_SAGA),
    /**
     * Withdrawal, ON_RAMP_COMPLETE (and TRANSFER_INITIATED after a failed attempt): send the USDC from the
     * custody wallet to the user's address. Each attempt carries a key of its own ({@link #idempotencyKey(UUID, int)}).
     */
    SEND_WITHDRAWAL_TRANSFER(SagaCommand.WITHDRAWAL_SAGA),
    /**
     * Withdrawal, FAILED after the broker paid out (the on-ramp failed): the compensation, crediting the USD
     * back to the user's brokerage account; the hold is released once the broker reports the credit.
     */
    REFUND_BROKER_WITHDRAWAL(SagaCommand.WITHDRAWAL_SAGA);

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
        return UUID.nameUUIDFromBytes(
                ("stack:" + sagaType + ":" + name() + ":" + sagaId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of the command's {@code attempt}-th partner request, for a step that may ask anew after the
     * partner failed the earlier request for good (attempt 1 is {@link #idempotencyKey(UUID)}).
     */
    public UUID idempotencyKey(UUID sagaId, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("Attempts count from 1, not " + attempt);
        }
        return attempt == 1
                ? idempotencyKey(sagaId)
                : UUID.nameUUIDFromBytes(("stack:" + sagaType + ":" + name() + ":" + sagaId + ":attempt:" + attempt)
                        .getBytes(StandardCharsets.UTF_8));
    }
}
