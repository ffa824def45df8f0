package com.stack.wallet.wallet.domain;

import java.util.Locale;

/** A Circle wallet's lifecycle: created on KYC approval, active once Circle has provisioned it. */
public enum WalletStatus {
    CREATING,
    ACTIVE,
    INACTIVE;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WalletStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
