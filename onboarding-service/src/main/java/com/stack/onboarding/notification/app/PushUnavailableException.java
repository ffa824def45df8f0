package com.stack.onboarding.notification.app;

/** Some devices of a push could not be reached now (the push service failing, refusing our credentials): retry later. */
public class PushUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PushUnavailableException(String message) {
        super(message, null, false, false);
    }
}
