package com.stack.sandbox.alpaca.api;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewTransfer;
import com.stack.sandbox.alpaca.domain.Transfer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /v1/accounts/{account_id}/transfers}: {@code {"transfer_type": "wire", "bank_id",
 * "amount": "100.00", "direction": "OUTGOING", "additional_information"}}. The sandbox sends outgoing wires only
 * (an incoming one arrives from another bank); other fields are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateTransferRequest(
        String transferType, String bankId, String amount, String direction, String additionalInformation) {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    static final int MAX_ADDITIONAL_INFORMATION_LENGTH = 255;

    public NewTransfer validated(String accountId) {
        if (!Transfer.WIRE.equals(transferType)) {
            throw AlpacaException.unprocessable("transfer_type must be wire: the sandbox transfers by wire only");
        }
        if (!Transfer.OUTGOING.equals(direction)) {
            throw AlpacaException.unprocessable(
                    "direction must be OUTGOING: an incoming wire arrives from the sending bank");
        }
        if (bankId == null || bankId.isBlank()) {
            throw AlpacaException.unprocessable("bank_id is required for a wire");
        }
        try {
            UUID.fromString(bankId);
        } catch (IllegalArgumentException notUuid) {
            throw AlpacaException.unprocessable("bank_id must be a recipient bank id (a UUID)");
        }
        if (amount == null || !AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            throw AlpacaException.unprocessable("amount must be a positive decimal string with at most 2 decimals");
        }
        if (additionalInformation != null && additionalInformation.length() > MAX_ADDITIONAL_INFORMATION_LENGTH) {
            throw AlpacaException.unprocessable(
                    "additional_information must be at most " + MAX_ADDITIONAL_INFORMATION_LENGTH + " characters");
        }
        return new NewTransfer(accountId, bankId, new BigDecimal(amount), additionalInformation);
    }
}
