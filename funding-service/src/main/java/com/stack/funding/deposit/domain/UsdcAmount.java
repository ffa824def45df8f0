package com.stack.funding.deposit.domain;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** USDC amounts as partners write them: plain decimal strings, at most 6 decimals (USDC's precision on every chain). */
public final class UsdcAmount {

    public static final int DECIMALS = 6;

    /** Digits, optionally a point and more digits: no sign, exponent, grouping or blanks. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,30}(\\.\\d{1,30})?");

    private UsdcAmount() {}

    /**
     * The exact amount, greater than zero and with at most 6 decimals. Trailing zeros are not precision:
     * {@code "125.0000000"} is 125. Anything else is refused with the reason.
     */
    public static BigDecimal parse(String text) {
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidAmountException("amount " + quoted(text) + " is not a plain decimal number");
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.signum() <= 0) {
            throw new InvalidAmountException("amount " + text + " is not greater than zero");
        }
        if (amount.stripTrailingZeros().scale() > DECIMALS) {
            throw new InvalidAmountException("amount " + text + " has more than " + DECIMALS + " decimals");
        }
        return amount.setScale(DECIMALS);
    }

    private static String quoted(String text) {
        return text == null ? "(none)" : '"' + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"';
    }

    /** An amount this service cannot take: the message says why. */
    public static final class InvalidAmountException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public InvalidAmountException(String reason) {
            super(reason);
        }
    }
}
