package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import com.stack.investing.shared.domain.OrderSide;

/**
 * A single-leg option contract: {@code contracts} contracts of 100 shares of {@code underlying}, at {@code strike}
 * per share, expiring on {@code expiration}.
 */
public record OptionContract(
        String underlying, LocalDate expiration, BigDecimal strike, OptionType type, int contracts) {

    /** A contract is this many shares. */
    public static final BigDecimal SHARES_PER_CONTRACT = BigDecimal.valueOf(100);

    private static final DateTimeFormatter OCC_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    public OptionContract {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(strike, "strike");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The OCC symbol: the underlying, the expiration as YYMMDD, C or P, and the strike x 1000 in 8 digits
     * ({@code AAPL270115C00200000} is AAPL's 200.000 call expiring 2027-01-15).
     */
    public String occSymbol() {
        long strikeThousandths =
                strike.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        return underlying
                + expiration.format(OCC_DATE)
                + (type == OptionType.CALL ? "C" : "P")
                + String.format("%08d", strikeThousandths);
    }

    /**
     * The limit price per share for an order of these contracts worth {@code amountUsd} in all: the most to pay per
     * share for a buy (rounded down to cents, so all contracts never cost more than the amount), the least to
     * receive for a sell (rounded up, so they never bring less). Null when that is under 0.01.
     */
    public BigDecimal limitPrice(BigDecimal amountUsd, OrderSide side) {
        BigDecimal shares = SHARES_PER_CONTRACT.multiply(BigDecimal.valueOf(contracts));
        BigDecimal price = amountUsd.divide(shares, 2, side == OrderSide.BUY ? RoundingMode.DOWN : RoundingMode.UP);
        return price.compareTo(new BigDecimal("0.01")) < 0 ? null : price;
    }
}
