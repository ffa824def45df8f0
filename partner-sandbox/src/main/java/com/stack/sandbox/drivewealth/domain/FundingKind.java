package com.stack.sandbox.drivewealth.domain;

/** Money into a DriveWealth account (a deposit) or out of it (a redemption). */
public enum FundingKind {
    DEPOSIT("deposit", "deposits.updated", "DWDEP"),
    REDEMPTION("redemption", "redemptions.updated", "DWRED");

    private final String noun;
    private final String eventType;
    private final String idPrefix;

    FundingKind(String noun, String eventType, String idPrefix) {
        this.noun = noun;
        this.eventType = eventType;
        this.idPrefix = idPrefix;
    }

    /** "deposit" or "redemption", for messages. */
    public String noun() {
        return noun;
    }

    /** The type of the event announcing a status change, such as "deposits.updated". */
    public String eventType() {
        return eventType;
    }

    /** The id prefix, such as "DWDEP" in "DWDEP-0190f3c2-...". */
    public String idPrefix() {
        return idPrefix;
    }
}
