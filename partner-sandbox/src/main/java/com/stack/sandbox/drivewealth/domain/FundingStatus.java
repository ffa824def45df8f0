package com.stack.sandbox.drivewealth.domain;

/**
 * The status of a deposit or redemption, with DriveWealth's numeric id. The sandbox goes through
 * PENDING, optionally PROCESSING, then SUCCESSFUL or REJECTED; the others are listed because a
 * consumer must expect them from the real API.
 */
public enum FundingStatus {
    STARTED(0),
    PENDING(1),
    SUCCESSFUL(2),
    FAILED(3),
    RETURNED(5),
    APPROVED(14),
    REJECTED(15),
    ON_HOLD(16),
    PROCESSING(17);

    private final int id;

    FundingStatus(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public boolean isFinal() {
        return this == SUCCESSFUL || this == FAILED || this == RETURNED || this == REJECTED;
    }
}
