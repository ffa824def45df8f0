package com.stack.funding.shared.domain;

/**
 * The partners' names as funding stores and logs them: the partner inbox's {@code partner} column, the metrics' and
 * breakers' {@code partner} tag, and the values of {@code stack.funding.*.partner}. One constant per partner, used
 * everywhere (compile-time constants, so configuration annotations can use them too).
 */
public final class Partners {

    /** Circle: custody wallets (Programmable Wallets) and, by default, the ramps (Circle Mint). */
    public static final String CIRCLE = "circle";
    /** Due: the USD/USDC ramps through the user's virtual account. */
    public static final String DUE = "due";
    /** DriveWealth: a brokerage. */
    public static final String DRIVEWEALTH = "drivewealth";
    /** Alpaca: a brokerage. */
    public static final String ALPACA = "alpaca";

    private Partners() {}
}
