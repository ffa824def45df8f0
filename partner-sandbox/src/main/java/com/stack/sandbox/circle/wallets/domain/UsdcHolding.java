package com.stack.sandbox.circle.wallets.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The USDC a wallet holds, and how much of it outbound transfers in flight have reserved. What a new
 * transfer may reserve is {@link #available()}: the amount less what is reserved already. Never
 * negative, neither part; at most 6 decimals, as USDC.
 *
 * @param updateDate when the amount last changed; {@code null} while it never did
 */
public record UsdcHolding(BigDecimal amount, BigDecimal reserved, Instant updateDate) {

    public static final int DECIMALS = 6;
    public static final UsdcHolding EMPTY = new UsdcHolding(BigDecimal.ZERO, BigDecimal.ZERO, null);

    public UsdcHolding {
        amount = amount.setScale(DECIMALS);
        reserved = reserved.setScale(DECIMALS);
        if (amount.signum() < 0 || reserved.signum() < 0 || reserved.compareTo(amount) > 0) {
            throw new IllegalStateException("A wallet cannot hold " + amount + " USDC with " + reserved + " reserved");
        }
    }

    public BigDecimal available() {
        return amount.subtract(reserved);
    }

    public UsdcHolding credited(BigDecimal value, Instant now) {
        return new UsdcHolding(amount.add(value), reserved, now);
    }

    /** {@code value} set aside for a transfer; the caller checked that it is {@link #available()}. */
    public UsdcHolding reserving(BigDecimal value) {
        return new UsdcHolding(amount, reserved.add(value), updateDate);
    }

    /** A reservation given back: its transfer failed. */
    public UsdcHolding releasing(BigDecimal value) {
        return new UsdcHolding(amount, reserved.subtract(value), updateDate);
    }

    /** A reservation spent: its transfer completed and the USDC left the wallet. */
    public UsdcHolding spending(BigDecimal value, Instant now) {
        return new UsdcHolding(amount.subtract(value), reserved.subtract(value), now);
    }

    /** The amount as Circle writes token amounts: a plain decimal without trailing zeros ("10", "0.5", "0"). */
    public static String format(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
