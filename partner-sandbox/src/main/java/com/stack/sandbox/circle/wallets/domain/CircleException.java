package com.stack.sandbox.circle.wallets.domain;

import java.util.List;

/** A request Circle refuses, with the HTTP status and the body Circle answers. */
public class CircleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int VALIDATION = 2;
    /** A resource of the notifications, payouts, transfers or transactions API that does not exist. */
    public static final int NOT_FOUND = 404;
    /**
     * The business account cannot cover a transfer. The sandbox's own code (the HTTP status, as for
     * {@link #NOT_FOUND}): Circle's number for this refusal is not known here.
     */
    public static final int INSUFFICIENT_FUNDS = 400;

    public static final int WALLET_NOT_FOUND = 156001;
    public static final int WALLET_SET_NOT_FOUND = 156006;
    public static final int INVALID_ENTITY_SECRET_CIPHERTEXT = 156016;
    public static final int ENTITY_SECRET_CIPHERTEXT_REUSED = 156017;
    public static final int IDEMPOTENCY_KEY_REUSED = 156018;

    private final int httpStatus;
    private final transient CircleError body;

    public CircleException(int httpStatus, CircleError body) {
        super(body.message(), null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
    }

    public static CircleException validation(List<CircleError.FieldError> errors) {
        return new CircleException(400, new CircleError(VALIDATION, "API parameter invalid", List.copyOf(errors)));
    }

    public static CircleException invalidCiphertext() {
        return new CircleException(
                401, new CircleError(INVALID_ENTITY_SECRET_CIPHERTEXT, "Invalid entity secret ciphertext"));
    }

    public static CircleException ciphertextReused() {
        return new CircleException(
                400, new CircleError(ENTITY_SECRET_CIPHERTEXT_REUSED, "entitySecretCiphertext was already used"));
    }

    public static CircleException idempotencyKeyReused() {
        return new CircleException(
                409, new CircleError(IDEMPOTENCY_KEY_REUSED, "idempotency key reused with a different request"));
    }

    public static CircleException walletSetNotFound() {
        return new CircleException(404, new CircleError(WALLET_SET_NOT_FOUND, "Wallet set not found"));
    }

    /** A payout id the payouts API does not know. */
    public static CircleException payoutNotFound() {
        return new CircleException(404, new CircleError(NOT_FOUND, "Payout not found"));
    }

    /** A business-account transfer id the transfers API does not know. */
    public static CircleException transferNotFound() {
        return new CircleException(404, new CircleError(NOT_FOUND, "Transfer not found"));
    }

    /** A transaction id of the wallets API that the sandbox does not know. */
    public static CircleException transactionNotFound() {
        return new CircleException(404, new CircleError(NOT_FOUND, "Transaction not found"));
    }

    /** The business account has less than a transfer's amount available. */
    public static CircleException insufficientFunds(String available) {
        return new CircleException(
                400,
                new CircleError(
                        INSUFFICIENT_FUNDS,
                        "Insufficient funds: the business account has " + available + " USD available"));
    }

    public static CircleException walletNotFound() {
        return new CircleException(404, new CircleError(WALLET_NOT_FOUND, "Wallet not found"));
    }

    public int httpStatus() {
        return httpStatus;
    }

    public CircleError body() {
        return body;
    }
}
