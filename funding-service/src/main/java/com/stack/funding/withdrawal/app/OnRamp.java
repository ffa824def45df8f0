package com.stack.funding.withdrawal.app;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.shared.domain.Chain;
import reactor.core.publisher.Mono;

/**
 * The ramp partner that turns a withdrawal's USD into USDC sent to an address on chain, the user's custody
 * wallet (the port; Circle Mint's business-account transfers and Due's on-ramp transfers are the adapters,
 * chosen by {@code stack.funding.on-ramp.partner}, by default the off-ramp's partner). Both calls are safe
 * to repeat: {@code initiate} with the same idempotency key returns the transfer made the first time.
 */
public interface OnRamp {

    /** The partner's name, as the ledger's clearing account spells it ({@code circle}, {@code due}). */
    String partner();

    /** The partner's transfer, its status as the partner reported it, and why it failed (else null). */
    record OnRampTransfer(String partnerTransferId, Status status, String reason) {}

    enum Status {
        PENDING,
        COMPLETE,
        FAILED
    }

    /**
     * Asks for {@code amountUsd} (2 decimals) to be sent as USDC (1:1, less the partner's fees) to
     * {@code destinationAddress} on {@code chain}. Fails with {@link OnRampRefusedException} when the
     * partner refuses it for good, and with {@link OnRampUnavailableException} when it could not be asked
     * now (ask again later, same key).
     */
    Mono<OnRampTransfer> initiate(
            UUID withdrawalId, BigDecimal amountUsd, Chain chain, String destinationAddress, UUID idempotencyKey);

    /**
     * {@link #initiate} for the withdrawal of {@code userId}: a partner that converts through an account of the
     * user's own (Due's virtual accounts) finds or opens it first, under the same failures. By default the user
     * plays no part (Circle converts from the business account).
     */
    default Mono<OnRampTransfer> initiate(
            UUID userId,
            UUID withdrawalId,
            BigDecimal amountUsd,
            Chain chain,
            String destinationAddress,
            UUID idempotencyKey) {
        return initiate(withdrawalId, amountUsd, chain, destinationAddress, idempotencyKey);
    }

    /** The transfer as the partner sees it now (after its event, and for the reconciler). Fails like {@link #initiate}. */
    Mono<OnRampTransfer> status(String partnerTransferId);

    /** The partner refused the request for good (a validation error, an unknown address, insufficient funds). */
    final class OnRampRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public OnRampRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The partner could not be asked now (a timeout, a 5xx, a 429, an open circuit): the same request may succeed later. */
    final class OnRampUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public OnRampUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
