package com.stack.investing.order.adapters.redis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.investing.order.adapters.OptionDetailsJson;
import com.stack.investing.order.domain.NextAction;
import com.stack.investing.order.domain.OptionContract;
import com.stack.investing.order.domain.Order;
import com.stack.investing.order.domain.OrderStatus;
import com.stack.investing.order.domain.Reservation;
import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;

/**
 * An order on the live-update channel {@code stack:investing:orders:<userId>} (the wire form, kept apart from the
 * domain record; decimals as exact strings).
 */
public record OrderMessage(
        UUID id,
        UUID userId,
        UUID parentId,
        UUID basketId,
        String assetType,
        String symbol,
        String option,
        String side,
        String amountUsd,
        String quantity,
        String limitPrice,
        String status,
        String failureReason,
        String filledQuantity,
        String filledAmountUsd,
        String averagePrice,
        String reservation,
        String broker,
        String brokerAccountId,
        String brokerAccountNo,
        String brokerOrderRef,
        boolean cancelRequested,
        String nextAction,
        int attempts,
        long version,
        String createdAt,
        String updatedAt) {

    public static final String CHANNEL_PREFIX = "stack:investing:orders";

    public static OrderMessage of(Order order) {
        return new OrderMessage(
                order.id(),
                order.userId(),
                order.parentId(),
                order.basketId(),
                order.assetType().name(),
                order.symbol(),
                order.option() == null ? null : OptionDetailsJson.write(order.option()),
                order.side().name(),
                plain(order.amountUsd()),
                plain(order.quantity()),
                plain(order.limitPrice()),
                order.status().name(),
                order.failureReason(),
                plain(order.filledQuantity()),
                plain(order.filledAmountUsd()),
                plain(order.averagePrice()),
                order.reservation().name(),
                order.broker(),
                order.brokerAccountId(),
                order.brokerAccountNo(),
                order.brokerOrderRef(),
                order.cancelRequested(),
                order.nextAction() == null ? null : order.nextAction().name(),
                order.attempts(),
                order.version(),
                order.createdAt().toString(),
                order.updatedAt().toString());
    }

    public Order read() {
        OptionContract contract = OptionDetailsJson.read(option);
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                AssetType.valueOf(assetType),
                symbol,
                contract,
                OrderSide.valueOf(side),
                decimal(amountUsd),
                decimal(quantity),
                decimal(limitPrice),
                OrderStatus.valueOf(status),
                failureReason,
                decimal(filledQuantity),
                decimal(filledAmountUsd),
                decimal(averagePrice),
                Reservation.valueOf(reservation),
                broker,
                brokerAccountId,
                brokerAccountNo,
                brokerOrderRef,
                cancelRequested,
                nextAction == null ? null : NextAction.valueOf(nextAction),
                attempts,
                version,
                Instant.parse(createdAt),
                Instant.parse(updatedAt));
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
