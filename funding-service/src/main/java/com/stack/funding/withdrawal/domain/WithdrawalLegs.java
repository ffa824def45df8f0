package com.stack.funding.withdrawal.domain;

/**
 * What the withdrawal saga holds about a withdrawal's partner legs, besides its status: the partners' ids of
 * each leg (null until known), which attempt of the on-chain transfer is current, and the compensation that
 * runs after a failure once money moved (null if none) and whether it finished.
 */
public record WithdrawalLegs(
        Withdrawal withdrawal,
        String brokerTransferId,
        String onRampTransferId,
        String chainTransactionId,
        int transferAttempt,
        Compensation compensation,
        boolean compensationDone,
        String brokerRefundTransferId) {

    /** What undoes a failure after money moved (the {@code compensation} column). */
    public enum Compensation {
        /** The on-ramp failed after the broker paid out: the USD goes back to the brokerage account. */
        BROKER_REFUND,
        /** The on-chain transfer failed for good: the USDC is held in custody for an operator. */
        PARKED;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Compensation fromColumn(String value) {
            return value == null ? null : valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
