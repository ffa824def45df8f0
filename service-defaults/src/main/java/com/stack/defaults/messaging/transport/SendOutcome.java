package com.stack.defaults.messaging.transport;

/** What happened to one {@link OutgoingMessage}: {@code error} is null when the broker acknowledged it. */
public record SendOutcome(long correlation, Throwable error) {

    public boolean succeeded() {
        return error == null;
    }
}
