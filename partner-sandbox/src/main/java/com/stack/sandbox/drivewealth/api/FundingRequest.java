package com.stack.sandbox.drivewealth.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.stack.sandbox.drivewealth.domain.DriveWealthError.FieldError;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.FundingKind;
import com.stack.sandbox.drivewealth.domain.NewFunding;

/**
 * The body of {@code POST /funding/deposits} and {@code POST /funding/redemptions}:
 * {@code {"accountNo": "DWXX000001", "amount": 125.00, "currency": "USD", "type": "WIRE", "note": "..."}}.
 * {@code amount} may be a JSON number or a decimal string. Other fields are ignored.
 */
public record FundingRequest(String accountNo, BigDecimal amount, String currency, String type, String note) {

    static final Set<String> TYPES = Set.of("WIRE", "ACH");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    static final int MAX_NOTE_LENGTH = 255;
    static final int MAX_ACCOUNT_NO_LENGTH = 64;

    /** The request, checked; a 400 E032 naming every invalid field otherwise. */
    public NewFunding validated(FundingKind kind) {
        List<FieldError> errors = new ArrayList<>();
        if (accountNo == null || accountNo.isBlank()) {
            errors.add(new FieldError("accountNo", "accountNo is required"));
        } else if (accountNo.length() > MAX_ACCOUNT_NO_LENGTH) {
            errors.add(new FieldError("accountNo", "accountNo is at most " + MAX_ACCOUNT_NO_LENGTH + " characters"));
        }
        if (amount == null) {
            errors.add(new FieldError("amount", "amount is required"));
        } else if (amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldError(
                    "amount",
                    "amount must be above 0, at most " + MAX_AMOUNT.toPlainString()
                            + ", with at most 2 decimal places"));
        }
        if (!NewFunding.CURRENCY.equals(currency)) {
            errors.add(new FieldError("currency", "currency must be USD"));
        }
        if (type == null || !TYPES.contains(type)) {
            errors.add(new FieldError(
                    "type", "type must be one of " + TYPES.stream().sorted().toList()));
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            errors.add(new FieldError("note", "note is at most " + MAX_NOTE_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw DriveWealthException.invalid(errors);
        }
        return new NewFunding(kind, accountNo, amount, currency, type, note);
    }
}
