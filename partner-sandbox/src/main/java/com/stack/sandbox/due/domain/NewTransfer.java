package com.stack.sandbox.due.domain;

/**
 * A valid transfer request. Two requests under one idempotency key are "the same" when they are equal but
 * for the quote ({@link #sameRequest}): a client that retries after a lost answer must ask for a fresh quote
 * (the first one was used, or has expired), and still gets the transfer its first attempt made. Due does not
 * document its idempotency; this is the behaviour the funding service relies on.
 *
 * @param recipient          the bank account of an off-ramp; {@code null} for an on-ramp
 * @param destinationAddress the wallet address of an on-ramp; {@code null} for an off-ramp
 * @param sender             optional, kept as given
 * @param memo               optional, kept as given
 */
public record NewTransfer(String quote, String recipient, String destinationAddress, String sender, String memo) {

    /** What a repeat under the same idempotency key must match: everything but the quote token. */
    public NewTransfer sameRequest() {
        return new NewTransfer(null, recipient, destinationAddress, sender, memo);
    }
}
