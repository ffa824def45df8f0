package com.stack.sandbox.alpaca.api;

/** Where Alpaca's Broker API is served in the sandbox, and the headers it reads. */
public final class AlpacaApi {

    public static final String BASE_PATH = "/alpaca";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private AlpacaApi() {}
}
