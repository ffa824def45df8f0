package com.stack.wallet.kyc.domain;

/**
 * The latest KYC status wallet-service has heard of for a user (from onboarding's KycStatusChanged), with
 * its version: a status whose version is not above the recorded one is stale and changes nothing.
 *
 * @param status  one of NOT_STARTED, PENDING, APPROVED, REJECTED (the GraphQL enum names)
 * @param version grows by one per change of the user's status
 */
public record KycStanding(String status, long version) {

    public static final String APPROVED = "APPROVED";

    /** Wallets are opened, and deposit addresses handed out, only for an approved user. */
    public boolean approved() {
        return APPROVED.equals(status);
    }
}
