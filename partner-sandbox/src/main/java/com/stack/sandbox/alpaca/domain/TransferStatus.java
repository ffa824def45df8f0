package com.stack.sandbox.alpaca.domain;

/**
 * The statuses a sandbox wire transfer goes through: {@code QUEUED -> SENT_TO_CLEARING -> COMPLETE}, or
 * {@code QUEUED -> SENT_TO_CLEARING -> REJECTED} (an outgoing wire's cash back in the account). Alpaca has more
 * ({@code PENDING}, {@code CANCELED}, ...) that the sandbox never reaches.
 */
public final class TransferStatus {

    /** The {@code status_from} of a transfer's first event: it did not exist before. */
    public static final String NONE = "";

    public static final String QUEUED = "QUEUED";
    public static final String SENT_TO_CLEARING = "SENT_TO_CLEARING";
    public static final String COMPLETE = "COMPLETE";
    public static final String REJECTED = "REJECTED";

    private TransferStatus() {}
}
