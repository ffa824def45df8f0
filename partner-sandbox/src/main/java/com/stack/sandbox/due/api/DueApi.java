package com.stack.sandbox.due.api;

/** Where Due's API is served in the sandbox, and the headers it reads. */
public final class DueApi {

    public static final String BASE_PATH = "/due";
    /** The platform's account, sent with the API key on every request. */
    public static final String ACCOUNT_ID_HEADER = "Due-Account-Id";

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    static final int MAX_TEXT_LENGTH = 255;

    private DueApi() {}
}
