package com.stack.sandbox.alpaca.domain;

import java.time.LocalDate;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A cash journal as {@code GET /v1/journals/{id}} shows it.
 *
 * @param amount two decimals, such as "125.00"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Journal(
        String id,
        String entryType,
        String fromAccount,
        String toAccount,
        String amount,
        String status,
        LocalDate settleDate,
        LocalDate systemDate,
        String description) {

    public static Journal queued(String id, NewJournal request, LocalDate today) {
        return new Journal(
                id,
                request.entryType(),
                request.fromAccount(),
                request.toAccount(),
                request.amount().toPlainString(),
                JournalStatus.QUEUED,
                today,
                today,
                request.description());
    }

    public Journal inStatus(String next) {
        return new Journal(id, entryType, fromAccount, toAccount, amount, next, settleDate, systemDate, description);
    }
}
