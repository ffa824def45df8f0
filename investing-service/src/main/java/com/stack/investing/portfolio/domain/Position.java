package com.stack.investing.portfolio.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.Money;

/**
 * A holding valued at the market: {@code price} (latest trade) and {@code previousClose} per share. Market value is
 * quantity x price (x 100 for an option contract), unrealized P&L what that gained over the cost basis, the day's
 * change quantity x (price - previous close) (x 100), all in USD to the cent (half-even).
 *
 * <p>Quantity and average price keep their exact value but lose the storage's trailing zeros ("10", "101.50").
 */
public record Position(
        String symbol,
        AssetType assetType,
        BigDecimal quantity,
        BigDecimal costUsd,
        BigDecimal price,
        BigDecimal previousClose) {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetType, "assetType");
        quantity = withoutTrailingZeros(Objects.requireNonNull(quantity, "quantity"), 0);
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(previousClose, "previousClose");
    }

    private BigDecimal multiplier() {
        return BigDecimal.valueOf(assetType.multiplier());
    }

    public BigDecimal marketValue() {
        return Money.usd(quantity.multiply(price).multiply(multiplier()));
    }

    /** Cost basis per share: what the holding cost divided by its shares (contracts x 100). */
    public BigDecimal averagePrice() {
        if (quantity.signum() == 0) {
            return Money.ZERO_USD;
        }
        return withoutTrailingZeros(costUsd.divide(quantity.multiply(multiplier()), 6, RoundingMode.HALF_EVEN), 2);
    }

    /** What the holding cost, USD to the cent. */
    public BigDecimal costBasisUsd() {
        return Money.usd(costUsd);
    }

    public BigDecimal unrealizedPnl() {
        return Money.usd(marketValue().subtract(costUsd));
    }

    public BigDecimal dayChangeUsd() {
        return Money.usd(quantity.multiply(price.subtract(previousClose)).multiply(multiplier()));
    }

    private static BigDecimal withoutTrailingZeros(BigDecimal value, int minimumScale) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < minimumScale ? stripped.setScale(minimumScale) : stripped;
    }
}
