package com.stack.wallet.wallet.adapters.circle;

/**
 * Circle refused the request (a 4xx answer): sent again unchanged it would be refused again. Subclasses
 * name the refusals this adapter reacts to.
 */
public class CircleRequestRejectedException extends CircleException {

    private static final long serialVersionUID = 1L;

    /** Circle's codes for the refusals named by subclasses. */
    static final int WALLET_SET_NOT_FOUND = 156006;

    static final int INVALID_ENTITY_SECRET_CIPHERTEXT = 156016;

    public CircleRequestRejectedException(String message, int httpStatus, Integer circleCode) {
        super(message, httpStatus, circleCode, null);
    }

    @Override
    public boolean isTransient() {
        return false;
    }

    /** The refusal for an HTTP 4xx answer with Circle's error body (code and message may be null). */
    static CircleRequestRejectedException of(String operation, int httpStatus, Integer code, String circleMessage) {
        String message = operation + " refused by Circle: HTTP " + httpStatus + (code == null ? "" : ", code " + code)
                + (circleMessage == null ? "" : ", " + circleMessage);
        if (code != null && code == INVALID_ENTITY_SECRET_CIPHERTEXT) {
            return new EntitySecretRejected(message, httpStatus, code);
        }
        if (code != null && code == WALLET_SET_NOT_FOUND) {
            return new WalletSetNotFound(message, httpStatus, code);
        }
        return new CircleRequestRejectedException(message, httpStatus, code);
    }

    /**
     * Circle could not decrypt the entity secret ciphertext to the registered secret: a wrong configured
     * secret, or Circle's entity key changed since it was fetched (the key is fetched again next time).
     */
    public static class EntitySecretRejected extends CircleRequestRejectedException {

        private static final long serialVersionUID = 1L;

        EntitySecretRejected(String message, int httpStatus, Integer code) {
            super(message, httpStatus, code);
        }
    }

    /** The wallet set asked for does not exist at Circle (any more). */
    public static class WalletSetNotFound extends CircleRequestRejectedException {

        private static final long serialVersionUID = 1L;

        WalletSetNotFound(String message, int httpStatus, Integer code) {
            super(message, httpStatus, code);
        }
    }
}
