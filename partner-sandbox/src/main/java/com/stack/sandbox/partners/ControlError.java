package com.stack.sandbox.partners;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of the sandbox's own control API ({@code /sandbox/...}), which no partner defines.
 *
 * @param field the request field at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlError(String error, String message, String field) {

    public static ControlError invalid(String field, String message) {
        return new ControlError("invalid_request", message, field);
    }

    public static ControlError notFound(String message) {
        return new ControlError("not_found", message, null);
    }
}
