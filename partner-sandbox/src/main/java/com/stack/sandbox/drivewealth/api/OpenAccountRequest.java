package com.stack.sandbox.drivewealth.api;

import java.util.ArrayList;
import java.util.List;

import com.stack.sandbox.drivewealth.domain.DriveWealthError.FieldError;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.NewAccount;

/**
 * The body of {@code POST /accounts}: {@code {"userID": "...", "accountType": "LIVE",
 * "accountManagementType": "SELF", "tradingType": "CASH"}}. Other fields are ignored.
 */
public record OpenAccountRequest(String userID, String accountType, String accountManagementType, String tradingType) {

    /** The request, checked; a 400 E032 naming every invalid field otherwise. */
    public NewAccount validated() {
        List<FieldError> errors = new ArrayList<>();
        if (userID == null || userID.isBlank()) {
            errors.add(new FieldError("userID", "userID is required"));
        } else if (userID.length() > NewAccount.MAX_USER_ID_LENGTH) {
            errors.add(new FieldError("userID", "userID is at most " + NewAccount.MAX_USER_ID_LENGTH + " characters"));
        }
        expect(accountType, "accountType", NewAccount.ACCOUNT_TYPE, errors);
        expect(accountManagementType, "accountManagementType", NewAccount.MANAGEMENT_TYPE, errors);
        expect(tradingType, "tradingType", NewAccount.TRADING_TYPE, errors);
        if (!errors.isEmpty()) {
            throw DriveWealthException.invalid(errors);
        }
        return new NewAccount(userID, accountType, accountManagementType, tradingType);
    }

    private static void expect(String value, String field, String only, List<FieldError> errors) {
        if (!only.equals(value)) {
            errors.add(new FieldError(field, field + " must be " + only + " (the only kind the sandbox emulates)"));
        }
    }
}
