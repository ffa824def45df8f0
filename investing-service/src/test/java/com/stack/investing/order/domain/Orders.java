package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.Money;
import com.stack.investing.shared.domain.OrderSide;

/** Orders for the domain tests. */
final class Orders {

    private Orders() {}

    static Order order(AssetType type, OrderSide side, String amount, OrderStatus status) {
        return new Order(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                null,
                type,
                "VTI",
                null,
                side,
                new BigDecimal(amount),
                null,
                null,
                status,
                null,
                BigDecimal.ZERO,
                Money.ZERO_USD,
                null,
                Reservation.RESERVED,
                "drivewealth",
                "acc",
                "no",
                null,
                false,
                null,
                0,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    static Order buy(String amount) {
        return order(AssetType.ETF, OrderSide.BUY, amount, OrderStatus.ACCEPTED_BY_BROKER);
    }

    static Order filled(Order order, String quantity, String amount, OrderStatus status) {
        return order.withExecution(status, null, new BigDecimal(quantity), new BigDecimal(amount), null);
    }
}
