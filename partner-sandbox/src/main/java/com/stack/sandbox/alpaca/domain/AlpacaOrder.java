package com.stack.sandbox.alpaca.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.sandbox.market.domain.AssetClass;
import com.stack.sandbox.market.domain.Order;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An order as Alpaca's Broker API shows it: quantities and prices as decimal strings, {@code null}
 * where there is none ({@code qty} of a notional order, {@code filled_avg_price} before a fill).
 *
 * @param status accepted, new, partially_filled, filled, canceled, expired or rejected
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlpacaOrder(
        String id,
        String clientOrderId,
        String symbol,
        String assetClass,
        String qty,
        String notional,
        String side,
        String type,
        String timeInForce,
        String limitPrice,
        String status,
        String filledQty,
        String filledAvgPrice,
        Instant createdAt,
        Instant updatedAt) {

    public static final String DAY = "day";

    public static AlpacaOrder of(Order order) {
        return new AlpacaOrder(
                order.id(),
                order.clientOrderId(),
                order.instrument().symbol(),
                assetClass(order.instrument().assetClass()),
                plain(order.quantity()),
                order.notional() == null ? null : order.notional().setScale(2).toPlainString(),
                lower(order.side().name()),
                lower(order.type().name()),
                DAY,
                plain(order.limitPrice()),
                lower(order.status().name()),
                Order.quantity(order.filledQuantity()).toPlainString(),
                order.averagePrice() == null ? null : order.averagePrice().toPlainString(),
                order.createdAt(),
                order.updatedAt());
    }

    public static String assetClass(AssetClass assetClass) {
        return assetClass == AssetClass.OPTION ? "us_option" : "us_equity";
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : Order.quantity(value).toPlainString();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
