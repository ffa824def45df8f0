package com.stack.sandbox.due.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Due's error body. Due does not document one; the sandbox answers
 * {@code {"error": {"code": "invalid_request", "message": "...", "field": "source.amount"}}}, {@code field}
 * only when one request field is at fault.
 */
public record DueError(Detail error) {

    public static DueError of(String code, String message) {
        return new DueError(new Detail(code, message, null));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {}
}
