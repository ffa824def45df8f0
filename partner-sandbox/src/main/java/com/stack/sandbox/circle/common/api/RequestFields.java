package com.stack.sandbox.circle.common.api;

import java.util.List;
import java.util.UUID;

import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;

/**
 * Field checks shared by Circle's request bodies, collecting every error as Circle lists them, and the check of
 * a path id. Every Circle API package uses them, so they live below all of them.
 */
public final class RequestFields {

    public static final int MAX_TEXT_LENGTH = 255;

    private static final String INVALID_UUID = "Fail to bind request to parameter: invalid UUID format";

    private RequestFields() {}

    /** The UUID in {@code value}, or {@code null} with an error recorded. */
    public static UUID uuid(String value, String location, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.required(location));
            return null;
        }
        UUID uuid = canonicalUuid(value);
        if (uuid == null) {
            errors.add(FieldError.invalid(location, INVALID_UUID));
        }
        return uuid;
    }

    /** A path id that must be a UUID: Circle answers anything else with a validation error. */
    public static UUID pathId(String id) {
        UUID uuid = canonicalUuid(id);
        if (uuid == null) {
            throw CircleException.validation(List.of(FieldError.invalid("id", INVALID_UUID)));
        }
        return uuid;
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

    /** The UUID {@code value} spells in its canonical form, else {@code null}. */
    private static UUID canonicalUuid(String value) {
        try {
            UUID uuid = UUID.fromString(value);
            // UUID.fromString accepts short groups ("1-1-1-1-1"); Circle wants the canonical form
            return uuid.toString().equalsIgnoreCase(value) ? uuid : null;
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }
}
