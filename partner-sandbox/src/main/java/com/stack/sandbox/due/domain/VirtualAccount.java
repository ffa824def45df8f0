package com.stack.sandbox.due.domain;

import java.time.Instant;

/**
 * A virtual account: US bank details of its own that USD is paid into ({@code schemaIn} {@code bank_us},
 * {@code currencyIn} USD), converted by Due and sent on as {@code currencyOut} on {@code railOut} to
 * {@code destination}. The platform names each with a {@code reference} of its own, unique.
 *
 * @param id      {@code va_...}
 * @param details where the USD is paid to
 * @param balance the USD paid in and not yet sent on, two decimals, such as "12.34"
 */
public record VirtualAccount(
        String id,
        String reference,
        String destination,
        String schemaIn,
        String currencyIn,
        String railOut,
        String currencyOut,
        Details details,
        String balance,
        Instant createdAt) {

    public VirtualAccount withBalance(String current) {
        return new VirtualAccount(
                id, reference, destination, schemaIn, currencyIn, railOut, currencyOut, details, current, createdAt);
    }

    /** The bank account a sender pays into: {@code {"schema": "bank_us", "accountNumber", "routingNumber", "bankName"}}. */
    public record Details(String schema, String accountNumber, String routingNumber, String bankName) {}
}
