package com.stack.onboarding.shared.domain;

import java.util.Locale;

public enum KycStatus {
    NOT_STARTED,
    PENDING,
    APPROVED,
    REJECTED;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KycStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
