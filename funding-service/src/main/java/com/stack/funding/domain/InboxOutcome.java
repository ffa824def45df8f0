package com.stack.funding.domain;

import java.util.Locale;

/**
 * How a partner notification ended, stored on its inbox row.
 *
 * @param kind   applied, ignored or failed
 * @param reason a short fixed code for metrics (bounded cardinality), such as {@code unknown_address}
 * @param detail for people: what happened, with the values involved
 */
public record InboxOutcome(Kind kind, String reason, String detail) {

    public enum Kind {
        /** Its effect was made, or had been made by an earlier notification. */
        APPLIED,
        /** Nothing for this service to do. */
        IGNORED,
        /** Refused for good; the detail says why. */
        FAILED;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static InboxOutcome applied(String reason, String detail) {
        return new InboxOutcome(Kind.APPLIED, reason, detail);
    }

    public static InboxOutcome ignored(String reason, String detail) {
        return new InboxOutcome(Kind.IGNORED, reason, detail);
    }

    public static InboxOutcome failed(String reason, String detail) {
        return new InboxOutcome(Kind.FAILED, reason, detail);
    }
}
