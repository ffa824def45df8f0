package com.stack.sandbox.due.api;

import java.util.regex.Pattern;

import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.Recipient.BankDetails;

/**
 * The body of {@code POST /v1/recipients}: {@code {"name", "details": {"schema": "bank_us",
 * "accountNumber", "routingNumber"}}}.
 */
public record RecipientRequest(String name, BankDetails details) {

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{4,17}");
    private static final Pattern ROUTING_NUMBER = Pattern.compile("\\d{9}");

    public RecipientRequest validated() {
        if (name == null || name.isBlank() || name.length() > DueApi.MAX_TEXT_LENGTH) {
            throw DueException.invalid("name", "name is required, at most " + DueApi.MAX_TEXT_LENGTH + " characters");
        }
        if (details == null) {
            throw DueException.invalid("details", "details is required");
        }
        if (!BankDetails.BANK_US.equals(details.schema())) {
            throw DueException.invalid("details.schema", "details.schema must be bank_us");
        }
        if (details.accountNumber() == null
                || !ACCOUNT_NUMBER.matcher(details.accountNumber()).matches()) {
            throw DueException.invalid("details.accountNumber", "details.accountNumber must be 4 to 17 digits");
        }
        if (details.routingNumber() == null
                || !ROUTING_NUMBER.matcher(details.routingNumber()).matches()) {
            throw DueException.invalid("details.routingNumber", "details.routingNumber must be 9 digits");
        }
        return this;
    }
}
