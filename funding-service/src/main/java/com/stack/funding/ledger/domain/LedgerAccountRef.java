package com.stack.funding.ledger.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Names one ledger account: a user's account of a kind and currency, or a house account; a partner
 * clearing account also names its partner. The ledger opens the account on its first posting.
 */
public record LedgerAccountRef(UUID userId, LedgerAccountKind kind, String currency, String partner) {

    public LedgerAccountRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        if (kind.isUsers() != (userId != null)) {
            throw new IllegalArgumentException(
                    kind.column() + " accounts " + (kind.isUsers() ? "need" : "have no") + " user");
        }
        if (partner != null && kind != LedgerAccountKind.PARTNER_CLEARING) {
            throw new IllegalArgumentException("Only partner clearing accounts name a partner");
        }
    }

    public static LedgerAccountRef users(UUID userId, LedgerAccountKind kind, String currency) {
        return new LedgerAccountRef(Objects.requireNonNull(userId, "userId"), kind, currency, null);
    }

    public static LedgerAccountRef partnerClearing(String partner, String currency) {
        return new LedgerAccountRef(
                null, LedgerAccountKind.PARTNER_CLEARING, currency, Objects.requireNonNull(partner));
    }
}
