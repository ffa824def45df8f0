package com.stack.sandbox.drivewealth.api;

import com.stack.sandbox.drivewealth.domain.DriveWealthException;

/** Where the DriveWealth emulation is served and the headers its callers send. */
public final class DriveWealthApi {

    /** DriveWealth's {@code https://bo-api.drivewealth.io/back-office}, below the sandbox. */
    public static final String BASE_PATH = "/drivewealth/back-office";
    /** The app key, sent on every request, the token request included. */
    public static final String APP_KEY_HEADER = "dw-client-app-key";

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Below the base path: the one endpoint that needs no session. */
    static final String TOKENS_PATH = "/auth/tokens";

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private DriveWealthApi() {}

    /** The Idempotency-Key header: absent (or empty) means none; longer than 255 characters is a 400. */
    static String checkedKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            return null;
        }
        if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw DriveWealthException.invalid(
                    IDEMPOTENCY_KEY_HEADER, "Idempotency-Key is at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return idempotencyKey;
    }
}
