package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.Money;
import com.stack.investing.shared.domain.OrderSide;

/**
 * What a broker's report does to an order. Reports carry cumulative figures, so a report is applied by comparing it
 * with what was applied before: a duplicate or an older report changes nothing, and an order never leaves a final
 * status. The filled amount is {@code round_half_even(cumulativeQuantity x averagePrice x multiplier, 2)} (100 per
 * option contract): the one formula funding's ledger sees through {@code filledAmountUsd} and the sandbox uses for
 * the account's cash. A buy never shows more filled than its amount (capped, and said so).
 */
public final class OrderExecution {

    /**
     * The order after the report, and what changed: {@code quantityDelta} and {@code amountDelta} are the newly
     * filled shares and notional (zero when nothing new filled), for the position.
     */
    public record Outcome(
            Order order, BigDecimal quantityDelta, BigDecimal amountDelta, boolean changed, boolean capped) {

        static Outcome unchanged(Order order) {
            return new Outcome(order, BigDecimal.ZERO, BigDecimal.ZERO, false, false);
        }
    }

    private OrderExecution() {}

    /** The cumulative notional of {@code quantity} filled at {@code averagePrice} per share. */
    public static BigDecimal filledAmount(BigDecimal quantity, BigDecimal averagePrice, AssetType assetType) {
        if (quantity.signum() == 0 || averagePrice == null) {
            return Money.ZERO_USD;
        }
        return quantity.multiply(averagePrice)
                .multiply(BigDecimal.valueOf(assetType.multiplier()))
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    public static Outcome apply(
            Order order,
            BrokerOrderState state,
            BigDecimal cumulativeQuantity,
            BigDecimal averagePrice,
            String reason) {
        if (order.status().isFinal()) {
            return Outcome.unchanged(order);
        }
        BigDecimal cumulative = cumulativeQuantity == null ? BigDecimal.ZERO : cumulativeQuantity;
        int compared = cumulative.compareTo(order.filledQuantity());
        if (compared < 0) {
            // an older report, overtaken by one applied before
            return Outcome.unchanged(order);
        }
        BigDecimal filledQuantity = order.filledQuantity();
        BigDecimal filledAmount = order.filledAmountUsd();
        BigDecimal average = order.averagePrice();
        BigDecimal quantityDelta = BigDecimal.ZERO;
        BigDecimal amountDelta = BigDecimal.ZERO;
        boolean capped = false;
        if (compared > 0 && averagePrice != null) {
            BigDecimal amount = filledAmount(cumulative, averagePrice, order.assetType());
            if (order.side() == OrderSide.BUY && amount.compareTo(order.amountUsd()) > 0) {
                amount = order.amountUsd();
                capped = true;
            }
            // rounding never makes a larger fill worth less than a smaller one was
            amount = amount.max(filledAmount);
            quantityDelta = cumulative.subtract(filledQuantity);
            amountDelta = amount.subtract(filledAmount);
            filledQuantity = cumulative;
            filledAmount = amount;
            average = averagePrice;
        }
        OrderStatus status;
        String failureReason = order.failureReason();
        if (state.isFinal()) {
            switch (state) {
                case FILLED -> status = OrderStatus.FILLED;
                case REJECTED -> {
                    status = OrderStatus.FAILED;
                    failureReason = reason == null || reason.isBlank() ? "REJECTED" : reason;
                }
                case EXPIRED -> {
                    status = OrderStatus.CANCELED;
                    failureReason = "EXPIRED";
                }
                default -> {
                    status = OrderStatus.CANCELED;
                    failureReason = reason;
                }
            }
        } else {
            OrderStatus reported =
                    filledQuantity.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED_BY_BROKER;
            status = reported.progress() > order.status().progress() ? reported : order.status();
        }
        Order updated = order.withExecution(status, failureReason, filledQuantity, filledAmount, average);
        return new Outcome(updated, quantityDelta, amountDelta, order.executionDiffers(updated), capped);
    }

    /** The broker accepted the order: ACCEPTED_BY_BROKER, unless it is further along already. */
    public static Order accepted(Order order) {
        return order.status() == OrderStatus.PENDING ? order.withStatus(OrderStatus.ACCEPTED_BY_BROKER, null) : order;
    }

    /** The order failed for {@code reason}, unless it is final already. */
    public static Order failed(Order order, String reason) {
        return order.status().isFinal() ? order : order.withStatus(OrderStatus.FAILED, reason);
    }

    /** The order was canceled before it reached the broker, unless it is final already. */
    public static Order canceled(Order order, String reason) {
        return order.status().isFinal() ? order : order.withStatus(OrderStatus.CANCELED, reason);
    }
}
