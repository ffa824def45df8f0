package com.stack.sandbox.openai.domain;

/** A chat completion the emulated OpenAI API refuses, with its HTTP status and error body. */
public class OpenAiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String INVALID_REQUEST = "invalid_request_error";

    private final int httpStatus;
    private final transient OpenAiError body;

    public OpenAiException(int httpStatus, OpenAiError body) {
        super(body.error().message(), null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
    }

    /** A 400 naming the request field at fault ({@code null} for none). */
    public static OpenAiException invalid(String param, String message) {
        return new OpenAiException(400, OpenAiError.of(message, INVALID_REQUEST, param, null));
    }

    public static OpenAiException unparsableBody() {
        return invalid(
                null,
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
                        + "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public OpenAiError body() {
        return body;
    }
}
