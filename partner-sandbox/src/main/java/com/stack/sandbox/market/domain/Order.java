package com.stack.sandbox.market.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * An order at the sandbox's exchange, as it stands; every change makes a new one.
 *
 * <p>The cash rule, the one investing and funding compute too: an order's cumulative cost is
 * {@code round_half_even(filledQuantity x averagePrice x multiplier, 2)}, with the average price as
 * published (the exact volume-weighted average rounded half even to 9 decimals); each fill changes the
 * account's cash by the difference of that figure (a buy pays it, a sell receives it).
 *
 * @param quantity         as ordered; {@code null} for a notional order
 * @param notional         as ordered (USD); {@code null} for a quantity order
 * @param limitPrice       {@code null} for a market order
 * @param targetQuantity   what it fills toward: the quantity, or for a notional sell the notional at the
 *                         price when placed, or for a notional buy the notional at the first fill's
 *                         price (rounded down to 9 decimals); {@code null} for a notional buy before then
 * @param reservedCash     the most cash a buy may take (notional, limit x quantity x multiplier, or quantity
 *                         x price when placed x multiplier for a market order); 0 for a sell
 * @param filledValue      the exact sum of fill quantity x fill price
 * @param averagePrice     {@code null} before the first fill
 * @param cost             the cumulative cost by the rule above
 * @param reason           why it was rejected; {@code null} otherwise
 */
public record Order(
        String id,
        String partner,
        String accountId,
        String accountNo,
        String clientOrderId,
        Instrument instrument,
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal notional,
        BigDecimal limitPrice,
        BigDecimal targetQuantity,
        BigDecimal reservedCash,
        OrderStatus status,
        BigDecimal filledQuantity,
        BigDecimal filledValue,
        BigDecimal averagePrice,
        BigDecimal cost,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    public static final int PRICE_SCALE = 9;
    public static final int QUANTITY_SCALE = 9;
    public static final int CENTS = 2;

    public static Order accepted(
            String id, NewOrder request, BigDecimal targetQuantity, BigDecimal reservedCash, Instant now) {
        return new Order(
                id,
                request.partner(),
                request.accountId(),
                request.accountNo(),
                request.clientOrderId(),
                request.instrument(),
                request.side(),
                request.type(),
                request.quantity(),
                request.notional(),
                request.limitPrice(),
                targetQuantity,
                reservedCash,
                OrderStatus.ACCEPTED,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                BigDecimal.ZERO.setScale(CENTS),
                null,
                now,
                now);
    }

    /** {@code round_half_even(quantity x price x multiplier, 2)}. */
    public static BigDecimal cost(BigDecimal quantity, BigDecimal price, BigDecimal multiplier) {
        return quantity.multiply(price).multiply(multiplier).setScale(CENTS, RoundingMode.HALF_EVEN);
    }

    /** A price as published: no trailing zeros past the cents ("187.3" is "187.30", "187.305000000" is "187.305"). */
    public static BigDecimal price(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < CENTS ? stripped.setScale(CENTS) : stripped;
    }

    /** A quantity as published: no trailing zeros, "0" for none. */
    public static BigDecimal quantity(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    public BigDecimal multiplier() {
        return instrument.multiplier();
    }

    /** What is left to fill; {@code null} for a notional buy before its first fill. */
    public BigDecimal remainingQuantity() {
        return targetQuantity == null ? null : targetQuantity.subtract(filledQuantity);
    }

    /** The cash an open buy still holds back from the account's buying power. */
    public BigDecimal outstandingReservation() {
        return status.isOpen() && side == Side.BUY ? reservedCash.subtract(cost).max(BigDecimal.ZERO) : BigDecimal.ZERO;
    }

    /** The quantity an open sell still holds back from the position. */
    public BigDecimal outstandingSale() {
        return status.isOpen() && side == Side.SELL ? remainingQuantity() : BigDecimal.ZERO;
    }

    /** Whether a limit order would trade at {@code price}: a buy at or below its limit, a sell at or above. */
    public boolean marketableAt(BigDecimal price) {
        if (limitPrice == null) {
            return true;
        }
        return side == Side.BUY ? price.compareTo(limitPrice) <= 0 : price.compareTo(limitPrice) >= 0;
    }

    public Order working(Instant now) {
        return with(OrderStatus.NEW, reason, now);
    }

    public Order targeting(BigDecimal target) {
        return new Order(
                id,
                partner,
                accountId,
                accountNo,
                clientOrderId,
                instrument,
                side,
                type,
                quantity,
                notional,
                limitPrice,
                target,
                reservedCash,
                status,
                filledQuantity,
                filledValue,
                averagePrice,
                cost,
                reason,
                createdAt,
                updatedAt);
    }

    /** After a fill of {@code filled} at {@code price}: FILLED when nothing is left, PARTIALLY_FILLED otherwise. */
    public Order filled(BigDecimal filled, BigDecimal price, Instant now) {
        if (!status.isOpen()
                || targetQuantity == null
                || filled.signum() <= 0
                || filled.compareTo(remainingQuantity()) > 0) {
            throw new IllegalStateException(
                    "order " + id + " cannot fill " + filled + " (" + status + ", " + remainingQuantity() + " left)");
        }
        BigDecimal cumulative = filledQuantity.add(filled);
        BigDecimal value = filledValue.add(filled.multiply(price));
        BigDecimal average = price(value.divide(cumulative, PRICE_SCALE, RoundingMode.HALF_EVEN));
        OrderStatus next =
                cumulative.compareTo(targetQuantity) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return new Order(
                id,
                partner,
                accountId,
                accountNo,
                clientOrderId,
                instrument,
                side,
                type,
                quantity,
                notional,
                limitPrice,
                targetQuantity,
                reservedCash,
                next,
                cumulative,
                value,
                average,
                cost(cumulative, average, multiplier()),
                reason,
                createdAt,
                now);
    }

    /** Ended without (more) fills: CANCELED, EXPIRED or REJECTED. */
    public Order ended(OrderStatus next, String why, Instant now) {
        if (!status.isOpen() || next.isOpen() || next == OrderStatus.FILLED) {
            throw new IllegalStateException("order " + id + " cannot go from " + status + " to " + next);
        }
        return with(next, why, now);
    }

    private Order with(OrderStatus next, String why, Instant now) {
        return new Order(
                id,
                partner,
                accountId,
                accountNo,
                clientOrderId,
                instrument,
                side,
                type,
                quantity,
                notional,
                limitPrice,
                targetQuantity,
                reservedCash,
                next,
                filledQuantity,
                filledValue,
                averagePrice,
                cost,
                why,
                createdAt,
                now);
    }
}
