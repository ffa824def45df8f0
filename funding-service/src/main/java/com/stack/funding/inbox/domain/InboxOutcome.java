package com.stack.funding.inbox.domain;

import java.util.Locale;

import com.stack.funding.shared.domain.Chain;

/**
 * How a partner notification ended, stored on its inbox row.
 *
 * @param kind          applied, ignored, failed, or awaiting a wallet
 * @param reason        a short fixed code for metrics (bounded cardinality), such as {@code unknown_address}
 * @param detail        for people: what happened, with the values involved
 * @param awaitedWallet the address whose wallet the notification waits for ({@link Kind#AWAITING_WALLET}), else null
 */
public record InboxOutcome(Kind kind, String reason, String detail, WalletAddress awaitedWallet) {

    public InboxOutcome {
        if ((kind == Kind.AWAITING_WALLET) != (awaitedWallet != null)) {
            throw new IllegalArgumentException("an outcome names an awaited wallet exactly when it awaits one");
        }
    }

    /** An address on a chain, in the chain's canonical spelling. */
    public record WalletAddress(Chain chain, String address) {}

    public enum Kind {
        /** Its effect was made, or had been made by an earlier notification. */
        APPLIED,
        /** Nothing for this service to do. */
        IGNORED,
        /** Refused for good; the detail says why. */
        FAILED,
        /**
         * Not done yet: a transfer to an address whose wallet is not known yet (its WalletCreated is late, or
         * was dead-lettered). The notification stays unprocessed, parked until that wallet is recorded.
         */
        AWAITING_WALLET;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static InboxOutcome applied(String reason, String detail) {
        return new InboxOutcome(Kind.APPLIED, reason, detail, null);
    }

    public static InboxOutcome ignored(String reason, String detail) {
        return new InboxOutcome(Kind.IGNORED, reason, detail, null);
    }

    public static InboxOutcome failed(String reason, String detail) {
        return new InboxOutcome(Kind.FAILED, reason, detail, null);
    }

    /** Waits for the wallet of {@code address} ({@code reason} {@code unknown_address}). */
    public static InboxOutcome awaitingWallet(Chain chain, String address) {
        return new InboxOutcome(
                Kind.AWAITING_WALLET,
                "unknown_address",
                "awaiting the wallet of address " + address + " on " + chain.column(),
                new WalletAddress(chain, address));
    }

    /** Whether the notification is done with (applied, ignored or failed), as opposed to waiting. */
    public boolean finished() {
        return kind != Kind.AWAITING_WALLET;
    }
}
