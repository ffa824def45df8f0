package com.stack.funding.inbox.app;

/** A verified body that is not a Circle notification envelope (see {@link CircleNotificationEnvelopes}). */
public final class MalformedNotificationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedNotificationException(String message) {
        super(message);
    }
}
