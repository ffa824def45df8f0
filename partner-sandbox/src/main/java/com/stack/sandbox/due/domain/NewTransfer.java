package com.stack.sandbox.due.domain;

/**
 * A valid transfer request. Two requests under one idempotency key are "the same" when these are equal.
 *
 * @param recipient          the bank account of an off-ramp; {@code null} for an on-ramp
 * @param destinationAddress the wallet address of an on-ramp; {@code null} for an off-ramp
 * @param sender             optional, kept as given
 * @param memo               optional, kept as given
 */
public record NewTransfer(String quote, String recipient, String destinationAddress, String sender, String memo) {
}
