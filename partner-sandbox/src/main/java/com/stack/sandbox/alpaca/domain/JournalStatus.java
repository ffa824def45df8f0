package com.stack.sandbox.alpaca.domain;

/**
 * The statuses a sandbox journal goes through: {@code queued -> sent_to_clearing -> executed}, or
 * {@code queued -> sent_to_clearing -> rejected} (the from account refunded). Alpaca has more
 * (pending, canceled, refused, ...) that the sandbox never reaches.
 */
public final class JournalStatus {

    /** The {@code status_from} of a journal's first event: it did not exist before. */
    public static final String NONE = "";

    public static final String QUEUED = "queued";
    public static final String SENT_TO_CLEARING = "sent_to_clearing";
    public static final String EXECUTED = "executed";
    public static final String REJECTED = "rejected";

    private JournalStatus() {}
}
