package com.stack.funding.partner.adapters;

import com.stack.defaults.resilience.PartnerResilience;

/**
 * A partner call that failed, as a partner client's shared plumbing tells it before the adapter tells it
 * as its port's exception: transient (a timeout, no connection, a 5xx, a 429, an open circuit, an answer
 * that could not be used: the same request may pass later) or a refusal for good. The message names the
 * request and the partner's error code, never the partner's body as it was.
 */
public final class PartnerCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean isTransient;
    private final String partnerCode;

    private PartnerCallException(String message, Throwable cause, boolean isTransient, String partnerCode) {
        super(message, cause, false, false);
        this.isTransient = isTransient;
        this.partnerCode = partnerCode;
    }

    public static PartnerCallException unavailable(String message, Throwable cause) {
        return new PartnerCallException(message, cause, true, null);
    }

    public static PartnerCallException refused(String message) {
        return new PartnerCallException(message, null, false, null);
    }

    /** The partner's error answer: transient or not by its HTTP status; {@code partnerCode} its error code, if any. */
    public static PartnerCallException answered(String message, boolean isTransient, String partnerCode) {
        return new PartnerCallException(message, null, isTransient, partnerCode);
    }

    /** The same failure, to be asked again (a refusal the adapter knows to be curable by asking again). */
    public PartnerCallException asTransient() {
        return new PartnerCallException(getMessage(), this, true, partnerCode);
    }

    public boolean isTransient() {
        return isTransient;
    }

    /** The partner's error code in its error answer; null when there was none. */
    public String partnerCode() {
        return partnerCode;
    }

    /** The partner API's resilience, retrying (and counting in its breaker) the transient failures only. */
    public static PartnerResilience resilience(String name, PartnerResilience.Settings settings) {
        return new PartnerResilience(
                name,
                settings,
                e -> e instanceof PartnerCallException call && call.isTransient(),
                PartnerCallException.class::isInstance);
    }
}
