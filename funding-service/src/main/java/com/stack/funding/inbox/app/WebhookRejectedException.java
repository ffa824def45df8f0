package com.stack.funding.inbox.app;

/** A partner webhook delivery that is not provably the partner's, or is a replay: answered 401, nothing stored. */
public final class WebhookRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public WebhookRejectedException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** A short fixed code: missing_signature, unknown_key, bad_signature, stale, malformed. */
    public String reason() {
        return reason;
    }
}
