package com.stack.sandbox.due.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A transfer as {@code GET /v1/transfers/{id}} shows it: the quote's legs, where the money goes (a
 * recipient or, for an on-ramp, a wallet address) and its status.
 *
 * @param failureReason why it failed; absent unless {@code failed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transfer(
        String id,
        String status,
        Leg source,
        Leg destination,
        String recipient,
        String destinationAddress,
        String sender,
        String memo,
        String quote,
        String fxRate,
        String fees,
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    public static Transfer pending(String id, NewTransfer request, Quote quote, Instant now) {
        return new Transfer(
                id,
                TransferStatus.PENDING,
                quote.source(),
                quote.destination(),
                request.recipient(),
                request.destinationAddress(),
                request.sender(),
                request.memo(),
                quote.token(),
                quote.fxRate(),
                quote.fees(),
                null,
                now,
                now);
    }

    /** This transfer in {@code next} status; {@code failureReason} only for {@code failed}. */
    public Transfer advanced(String next, String reason, Instant now) {
        return new Transfer(
                id,
                next,
                source,
                destination,
                recipient,
                destinationAddress,
                sender,
                memo,
                quote,
                fxRate,
                fees,
                reason,
                createdAt,
                now);
    }
}
