package com.stack.sandbox.drivewealth.domain;

/**
 * A valid request to open an account. Only {@code LIVE}, {@code SELF}-managed, {@code CASH} accounts
 * are emulated.
 */
public record NewAccount(String userID, String accountType, String accountManagementType, String tradingType) {

    public static final String ACCOUNT_TYPE = "LIVE";
    public static final String MANAGEMENT_TYPE = "SELF";
    public static final String TRADING_TYPE = "CASH";
    public static final int MAX_USER_ID_LENGTH = 64;
}
