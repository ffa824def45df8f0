package com.stack.gateway.federation.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response body and HTTP status. Request errors (the operation could not be run at all) answer
 * 4xx/503 without {@code data}; once execution starts the status is 200 and errors sit beside data.
 */
public record GraphQlResponse(int status, Map<String, Object> body) {

    public static GraphQlResponse requestError(int status, String code, String message) {
        return requestErrors(status, List.of(error(message, code)));
    }

    /** A request error for an exceeded limit: {@code extensions.limit} and {@code extensions.actual} beside the code. */
    public static GraphQlResponse requestError(int status, String code, String message, long limit, long actual) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code, "limit", limit, "actual", actual));
        return requestErrors(status, List.of(error));
    }

    /** A request error for a client's value out of bounds: {@code BAD_USER_INPUT} with {@code extensions.field}. */
    public static GraphQlResponse invalidInput(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", "BAD_USER_INPUT", "field", field));
        return requestErrors(400, List.of(error));
    }

    public static GraphQlResponse requestErrors(int status, List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        return new GraphQlResponse(status, body);
    }

    public static Map<String, Object> error(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        return error;
    }
}
