package com.stack.sandbox.circle.wallets.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Circle's error body: {@code {"code": 2, "message": "...", "errors": [{"error", "location", "message"}]}},
 * {@code errors} only on validation failures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CircleError(int code, String message, List<FieldError> errors) {

    public CircleError(int code, String message) {
        this(code, message, null);
    }

    /**
     * @param error    what is wrong: "required" or "invalid_value"
     * @param location the request field, such as "metadata" or "blockchains[1]"
     */
    public record FieldError(String error, String location, String message) {

        public static FieldError required(String location) {
            return new FieldError("required", location, location + " is required");
        }

        public static FieldError invalid(String location, String message) {
            return new FieldError("invalid_value", location, message);
        }
    }
}
