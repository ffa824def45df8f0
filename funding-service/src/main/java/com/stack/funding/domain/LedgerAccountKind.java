package com.stack.funding.domain;

import java.util.Locale;

/** The kinds of ledger account: three per user and currency, and the house's side of every movement. */
public enum LedgerAccountKind {
    USER_BUYING_POWER, USER_PENDING_DEPOSIT, USER_PENDING_WITHDRAWAL, PARTNER_CLEARING, OMNIBUS;

    /** A user's account (it has a user id) rather than the house's. */
    public boolean isUsers() {
        return name().startsWith("USER_");
    }

    /** The database spelling (lower case). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
