package com.stack.sandbox.alpaca.api;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewJournal;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /v1/journals}: {@code {"entry_type": "JNLC", "from_account", "to_account",
 * "amount": "125.00", "description"}}. Only cash journals (JNLC); other fields are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateJournalRequest(
        String entryType, String fromAccount, String toAccount, String amount, String description) {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    static final int MAX_DESCRIPTION_LENGTH = 1024;

    public NewJournal validated() {
        if (!NewJournal.JNLC.equals(entryType)) {
            throw AlpacaException.unprocessable("entry_type must be JNLC: the sandbox journals cash only");
        }
        account(fromAccount, "from_account");
        account(toAccount, "to_account");
        if (amount == null || !AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            throw AlpacaException.unprocessable("amount must be a positive decimal string with at most 2 decimals");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw AlpacaException.unprocessable(
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return new NewJournal(entryType, fromAccount, toAccount, new BigDecimal(amount), description);
    }

    private static void account(String id, String field) {
        if (id == null || id.isBlank()) {
            throw AlpacaException.unprocessable(field + " is required");
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw AlpacaException.unprocessable(field + " must be an account id (a UUID)");
        }
    }
}
