package com.stack.investing.portfolio.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;

/**
 * What a user holds of one instrument, from the fills applied: the quantity (shares, or contracts), what it cost
 * (at cost, in USD) and the profit or loss realized by selling. A buy adds its shares and notional; a sell takes
 * its shares and the same fraction of the cost basis away, realizing proceeds minus that cost.
 */
public record Holding(
        String symbol, AssetType assetType, BigDecimal quantity, BigDecimal costBasisUsd, BigDecimal realizedPnlUsd) {

    /** Cost basis and P&L are kept to 6 decimals (the column's), rounded half-even. */
    public static final int COST_SCALE = 6;

    public static Holding none(String symbol, AssetType assetType) {
        return new Holding(symbol, assetType, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public Holding bought(BigDecimal quantityDelta, BigDecimal amountUsd) {
        return new Holding(symbol, assetType, quantity.add(quantityDelta), costBasisUsd.add(amountUsd), realizedPnlUsd);
    }

    /** Sells {@code quantityDelta} (at most what is held) for {@code proceedsUsd}. */
    public Holding sold(BigDecimal quantityDelta, BigDecimal proceedsUsd) {
        if (quantity.signum() == 0) {
            return this;
        }
        BigDecimal sold = quantityDelta.min(quantity);
        BigDecimal remaining = quantity.subtract(sold);
        BigDecimal costSold = remaining.signum() == 0
                ? costBasisUsd
                : costBasisUsd.multiply(sold).divide(quantity, COST_SCALE, RoundingMode.HALF_EVEN);
        return new Holding(
                symbol,
                assetType,
                remaining,
                costBasisUsd.subtract(costSold),
                realizedPnlUsd.add(proceedsUsd.subtract(costSold)));
    }

    public Holding after(OrderSide side, BigDecimal quantityDelta, BigDecimal amountUsd) {
        return side == OrderSide.BUY ? bought(quantityDelta, amountUsd) : sold(quantityDelta, amountUsd);
    }

    public boolean isEmpty() {
        return quantity.signum() == 0;
    }
}
