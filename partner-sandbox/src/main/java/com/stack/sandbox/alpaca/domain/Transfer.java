package com.stack.sandbox.alpaca.domain;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A wire transfer of an account's cash, as {@code GET /v1/accounts/{id}/transfers} shows it: {@code OUTGOING}
 * to one of its recipient banks, or {@code INCOMING} from a bank (then without {@code bank_id}).
 *
 * @param amount                two decimals, such as "100.00"
 * @param additionalInformation the sender's note: the request's for an outgoing wire, the sending bank's memo
 *                              for an incoming one
 * @param reason                why it was rejected; {@code null} otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Transfer(
        String id,
        String accountId,
        String type,
        String status,
        String amount,
        String direction,
        String bankId,
        String additionalInformation,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    public static final String WIRE = "wire";
    public static final String OUTGOING = "OUTGOING";
    public static final String INCOMING = "INCOMING";

    public static Transfer queued(
            String id,
            String accountId,
            String direction,
            String amount,
            String bankId,
            String additionalInformation,
            Instant now) {
        return new Transfer(
                id,
                accountId,
                WIRE,
                TransferStatus.QUEUED,
                amount,
                direction,
                bankId,
                additionalInformation,
                null,
                now,
                now);
    }

    /** This transfer in {@code next} status; {@code reason} only when rejected. */
    public Transfer advanced(String next, String why, Instant now) {
        return new Transfer(
                id, accountId, type, next, amount, direction, bankId, additionalInformation, why, createdAt, now);
    }

    public boolean outgoing() {
        return OUTGOING.equals(direction);
    }
}
