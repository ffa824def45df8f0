package com.stack.funding.deposit.app;

import java.math.BigDecimal;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The ramp partner that pays a deposit's USDC out as USD (the port; Circle's payouts are the adapter,
 * chosen by {@code stack.funding.off-ramp.partner}). Both calls are safe to repeat: {@code initiate}
 * with the same idempotency key returns the payout made the first time.
 */
public interface OffRamp {

    /** The partner's payout and its status as the partner reported it. */
    record OffRampTransfer(String partnerTransferId, Status status) {}

    enum Status {
        PENDING,
        COMPLETE,
        FAILED
    }

    /**
     * Asks for a payout of {@code amountUsd} (2 decimals) for the deposit. Fails with
     * {@link OffRampRefusedException} when the partner refuses it for good, and with
     * {@link OffRampUnavailableException} when it could not be asked now (ask again later, same key).
     */
    Mono<OffRampTransfer> initiate(UUID depositId, BigDecimal amountUsd, UUID idempotencyKey);

    /** The payout as the partner sees it now (for the reconciler). Fails like {@link #initiate}. */
    Mono<OffRampTransfer> status(String partnerTransferId);

    /** The partner refused the request for good (a validation error, an unknown account, insufficient funds). */
    final class OffRampRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public OffRampRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The partner could not be asked now (a timeout, a 5xx, a 429, an open circuit): the same request may succeed later. */
    final class OffRampUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public OffRampUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
