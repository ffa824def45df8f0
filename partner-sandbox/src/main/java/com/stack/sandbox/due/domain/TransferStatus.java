package com.stack.sandbox.due.domain;

/**
 * A transfer's status in the sandbox. Due documents no status values; the sandbox's flow is
 * {@code pending -> processing -> completed}, or {@code pending -> processing -> failed} with a
 * {@code failureReason}.
 */
public final class TransferStatus {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private TransferStatus() {}
}
