package com.stack.sandbox.alpaca.api;

import java.util.regex.Pattern;

import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewRecipientBank;
import com.stack.sandbox.alpaca.domain.RecipientBank;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /v1/accounts/{account_id}/recipient_banks}: {@code {"name", "bank_code": "026073150",
 * "bank_code_type": "ABA", "account_number": "1234567890"}}; other fields are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateRecipientBankRequest(String name, String bankCode, String bankCodeType, String accountNumber) {

    private static final Pattern ABA = Pattern.compile("\\d{9}");
    private static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[A-Za-z0-9]{4,34}");
    static final int MAX_NAME_LENGTH = 255;

    public NewRecipientBank validated() {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw AlpacaException.unprocessable("name is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        if (RecipientBank.ABA.equals(bankCodeType)) {
            if (bankCode == null || !ABA.matcher(bankCode).matches()) {
                throw AlpacaException.unprocessable("bank_code must be an ABA routing number (9 digits)");
            }
        } else if (RecipientBank.BIC.equals(bankCodeType)) {
            if (bankCode == null || !BIC.matcher(bankCode).matches()) {
                throw AlpacaException.unprocessable("bank_code must be a BIC (8 or 11 characters)");
            }
        } else {
            throw AlpacaException.unprocessable("bank_code_type must be ABA or BIC");
        }
        if (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches()) {
            throw AlpacaException.unprocessable("account_number must be 4 to 34 letters or digits");
        }
        return new NewRecipientBank(name, bankCode, bankCodeType, accountNumber);
    }
}
