package com.stack.sandbox.drivewealth.domain;

/**
 * DriveWealth's error body: {@code {"errorCode": "E032", "message": "...", "errorDetails": null}}.
 * {@code errorDetails} is always written, {@code null} when there is nothing to add.
 *
 * @param errorDetails for a validation error, the fields at fault as {@code [{"field", "message"}]}
 */
public record DriveWealthError(String errorCode, String message, Object errorDetails) {

    /** One invalid request field. */
    public record FieldError(String field, String message) {}
}
