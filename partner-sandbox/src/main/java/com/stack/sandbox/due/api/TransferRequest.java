package com.stack.sandbox.due.api;

import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewTransfer;

/**
 * The body of {@code POST /v1/transfers}: {@code {"quote": "qt_...", "recipient": "rcp_..."}} for an
 * off-ramp, {@code {"quote", "destinationAddress": "0x..."}} for an on-ramp; {@code sender} and
 * {@code memo} optional.
 */
public record TransferRequest(String quote, String recipient, String destinationAddress, String sender, String memo) {

    static final int MAX_MEMO_LENGTH = 140;

    public NewTransfer validated() {
        if (quote == null || quote.isBlank()) {
            throw DueException.invalid("quote", "quote is required: the token of a quote");
        }
        text(quote, "quote", DueApi.MAX_TEXT_LENGTH);
        text(recipient, "recipient", DueApi.MAX_TEXT_LENGTH);
        text(destinationAddress, "destinationAddress", DueApi.MAX_TEXT_LENGTH);
        text(sender, "sender", DueApi.MAX_TEXT_LENGTH);
        text(memo, "memo", MAX_MEMO_LENGTH);
        return new NewTransfer(quote, recipient, destinationAddress, sender, memo);
    }

    private static void text(String value, String field, int maxLength) {
        if (value != null && (value.isBlank() || value.length() > maxLength)) {
            throw DueException.invalid(field, field + " must be 1 to " + maxLength + " characters when given");
        }
    }
}
