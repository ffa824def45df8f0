package com.stack.sandbox.due.domain;

import java.time.Instant;

/**
 * A bank account Due pays out to.
 *
 * @param id {@code rcp_...}
 */
public record Recipient(String id, String name, BankDetails details, Instant createdAt) {

    /** A US bank account: {@code {"schema": "bank_us", "accountNumber", "routingNumber"}}. */
    public record BankDetails(String schema, String accountNumber, String routingNumber) {

        public static final String BANK_US = "bank_us";
    }
}
