package com.stack.sandbox.drivewealth.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deposit or redemption and where it stands.
 *
 * @param statusComment why it was rejected; {@code null} otherwise
 * @param timestamp     when it was created
 * @param updated       when its status last changed
 */
public record Funding(
        String id,
        FundingKind kind,
        String accountNo,
        BigDecimal amount,
        String currency,
        String type,
        String note,
        FundingStatus status,
        String statusComment,
        Instant timestamp,
        Instant updated) {

    /** A new deposit or redemption: PENDING. */
    public static Funding pending(String id, NewFunding request, Instant now) {
        return new Funding(
                id,
                request.kind(),
                request.accountNo(),
                request.amount(),
                request.currency(),
                request.type(),
                request.note(),
                FundingStatus.PENDING,
                null,
                now,
                now);
    }

    /** The same deposit or redemption in {@code next}, since {@code now}. */
    public Funding moved(FundingStatus next, String comment, Instant now) {
        if (status.isFinal()) {
            throw new IllegalStateException(kind.noun() + " " + id + " is already " + status);
        }
        return new Funding(id, kind, accountNo, amount, currency, type, note, next, comment, timestamp, now);
    }

    /** The amount as DriveWealth writes it in the sandbox, "125.00". */
    public String amountText() {
        return amount.toPlainString();
    }
}
