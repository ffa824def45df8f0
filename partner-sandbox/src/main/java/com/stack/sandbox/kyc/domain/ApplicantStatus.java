package com.stack.sandbox.kyc.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an applicant's check stands. Every status but PENDING is a decision, delivered as a callback. */
public enum ApplicantStatus {
    PENDING,
    APPROVED,
    REJECTED,
    /** Manual review: stays until an operator decides through the sandbox's control API. */
    REVIEW;

    /** The lowercase name the provider's API uses. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApplicantStatus> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(status -> status.wireName().equals(name))
                .findFirst();
    }
}
