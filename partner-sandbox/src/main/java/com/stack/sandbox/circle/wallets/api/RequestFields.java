package com.stack.sandbox.circle.wallets.api;

import java.util.List;
import java.util.UUID;

import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;

/** Field checks shared by Circle's request bodies, collecting every error as Circle lists them. */
public final class RequestFields {

    public static final int MAX_TEXT_LENGTH = 255;

    private RequestFields() {}

    /** The UUID in {@code value}, or {@code null} with an error recorded. */
    public static UUID uuid(String value, String location, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.required(location));
            return null;
        }
        try {
            UUID uuid = UUID.fromString(value);
            // UUID.fromString accepts short groups ("1-1-1-1-1"); Circle wants the canonical form
            if (uuid.toString().equalsIgnoreCase(value)) {
                return uuid;
            }
        } catch (IllegalArgumentException notUuid) {
            // recorded below
        }
        errors.add(FieldError.invalid(location, "Fail to bind request to parameter: invalid UUID format"));
        return null;
    }

    public static void required(String value, String location, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.required(location));
        }
    }

    public static void maxLength(String value, String location, List<FieldError> errors) {
        if (value != null && value.length() > MAX_TEXT_LENGTH) {
            errors.add(FieldError.invalid(location, location + " must be at most " + MAX_TEXT_LENGTH + " characters"));
        }
    }
}
