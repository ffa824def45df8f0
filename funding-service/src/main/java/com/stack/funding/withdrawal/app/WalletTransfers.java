package com.stack.funding.withdrawal.app;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.shared.domain.Chain;
import reactor.core.publisher.Mono;

/**
 * Sends USDC on chain out of a user's custody wallet, the last leg of a withdrawal (the port; Circle's
 * developer-controlled wallets are the adapter: {@code POST /v1/w3s/developer/transactions/transfer}, its
 * transaction read back by id, its states announced by {@code transactions.outbound} notifications). Both
 * calls are safe to repeat: {@code send} with the same idempotency key returns the transaction made the
 * first time.
 */
public interface WalletTransfers {

    /**
     * The wallet's outbound transaction: its id at the partner, how far it got, the chain's transaction hash
     * once it has one (else null), and why it failed (else null).
     */
    record OnChainTransaction(String transactionId, State state, String txHash, String errorReason) {}

    /**
     * PENDING: accepted, not final (Circle's INITIATED, QUEUED, CLEARED, SENT, CONFIRMED); COMPLETE: final on
     * chain; FAILED: will never complete (Circle's FAILED, CANCELLED, DENIED; STUCK counts as pending).
     */
    enum State {
        PENDING,
        COMPLETE,
        FAILED
    }

    /**
     * Sends {@code amountUsdc} (at most 6 decimals) from the wallet {@code walletId} (the custodian's id of the wallet) on {@code chain} to
     * {@code destinationAddress}, tagged with {@code refId}. Fails with {@link WalletTransferRefusedException}
     * when the partner refuses the request for good, with {@link WalletTransferUnavailableException} when it
     * could not be asked now (ask again later, same key).
     */
    Mono<OnChainTransaction> send(
            String walletId,
            Chain chain,
            String destinationAddress,
            BigDecimal amountUsdc,
            UUID idempotencyKey,
            String refId);

    /** The transaction as the partner sees it now. Fails like {@link #send}. */
    Mono<OnChainTransaction> status(String transactionId);

    /** The partner refused the request for good (a validation error, an unknown wallet or token, a bad address). */
    final class WalletTransferRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public WalletTransferRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The partner could not be asked now (a timeout, a 5xx, a 429, an open circuit): the same request may succeed later. */
    final class WalletTransferUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public WalletTransferUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
