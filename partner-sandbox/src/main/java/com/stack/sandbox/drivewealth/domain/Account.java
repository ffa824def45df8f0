package com.stack.sandbox.drivewealth.domain;

import java.time.Instant;

/**
 * A DriveWealth brokerage account. Its cash is kept apart, as it changes while the account does not.
 *
 * @param id        DriveWealth's account id, {@code <uuid>.<epoch millis>}
 * @param accountNo {@code DWXX} and 6 digits; the number funding requests name
 * @param userID    the partner's reference of the user it belongs to
 */
public record Account(String id, String accountNo, String userID, Instant createdWhen) {

    public static final String OPEN = "OPEN";
}
