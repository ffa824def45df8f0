package com.stack.funding.ledger.domain;

import java.util.Locale;

/**
 * The kinds of ledger account: four per user and currency, and the house's side of every movement. A user's
 * pending order account holds the buying power reserved for the user's open buy orders.
 */
public enum LedgerAccountKind {
    USER_BUYING_POWER,
    USER_PENDING_DEPOSIT,
    USER_PENDING_WITHDRAWAL,
    USER_PENDING_ORDER,
    PARTNER_CLEARING,
    OMNIBUS;

    /** A user's account (it has a user id) rather than the house's. */
    public boolean isUsers() {
        return name().startsWith("USER_");
    }

    /** The database spelling (lower case). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
