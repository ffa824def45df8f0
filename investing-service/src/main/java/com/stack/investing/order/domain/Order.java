package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;

/**
 * A user's order: a basket order ({@code basketId} set; its children, one per symbol, carry {@code parentId}), an
 * equity order by notional ({@code symbol}) or an option order ({@code option}, {@code quantity} contracts at
 * {@code limitPrice} per share). The row is the saga's state: the reservation funding answered, the broker
 * account it named, what the broker loop does next ({@code nextAction}) and what the broker filled so far.
 *
 * @param symbol          the instrument: a ticker, or an option's OCC symbol; null for a basket
 * @param filledQuantity  shares (contracts for an option) filled so far
 * @param filledAmountUsd notional filled so far (for a basket, the sum over its children)
 * @param averagePrice    average fill price per share so far; null before a fill
 * @param attempts        claims of the broker loop for this order (a submit claimed once may have reached the broker)
 * @param version         increases with every change
 */
public record Order(
        UUID id,
        UUID userId,
        UUID parentId,
        UUID basketId,
        AssetType assetType,
        String symbol,
        OptionContract option,
        OrderSide side,
        BigDecimal amountUsd,
        BigDecimal quantity,
        BigDecimal limitPrice,
        OrderStatus status,
        String failureReason,
        BigDecimal filledQuantity,
        BigDecimal filledAmountUsd,
        BigDecimal averagePrice,
        Reservation reservation,
        String broker,
        String brokerAccountId,
        String brokerAccountNo,
        String brokerOrderRef,
        boolean cancelRequested,
        NextAction nextAction,
        int attempts,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isTopLevel() {
        return parentId == null;
    }

    public boolean isBasket() {
        return assetType == AssetType.BASKET;
    }

    /** The same order with its execution state changed (status, failure, fills). */
    public Order withExecution(
            OrderStatus newStatus,
            String newFailureReason,
            BigDecimal newFilledQuantity,
            BigDecimal newFilledAmountUsd,
            BigDecimal newAveragePrice) {
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                assetType,
                symbol,
                option,
                side,
                amountUsd,
                quantity,
                limitPrice,
                newStatus,
                newFailureReason,
                newFilledQuantity,
                newFilledAmountUsd,
                newAveragePrice,
                reservation,
                broker,
                brokerAccountId,
                brokerAccountNo,
                brokerOrderRef,
                cancelRequested,
                nextAction,
                attempts,
                version,
                createdAt,
                updatedAt);
    }

    public Order withStatus(OrderStatus newStatus, String newFailureReason) {
        return withExecution(newStatus, newFailureReason, filledQuantity, filledAmountUsd, averagePrice);
    }

    /** Whether {@code other} differs from this order in what a client or funding sees of its execution. */
    public boolean executionDiffers(Order other) {
        return status != other.status
                || filledAmountUsd.compareTo(other.filledAmountUsd) != 0
                || filledQuantity.compareTo(other.filledQuantity) != 0;
    }
    /** The same order with funding's answer and the broker account it named. */
    public Order withReservation(
            Reservation newReservation, String newBroker, String newAccountId, String newAccountNo) {
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                assetType,
                symbol,
                option,
                side,
                amountUsd,
                quantity,
                limitPrice,
                status,
                failureReason,
                filledQuantity,
                filledAmountUsd,
                averagePrice,
                newReservation,
                newBroker,
                newAccountId,
                newAccountNo,
                brokerOrderRef,
                cancelRequested,
                nextAction,
                attempts,
                version,
                createdAt,
                updatedAt);
    }

    public Order withNextAction(NextAction newNextAction) {
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                assetType,
                symbol,
                option,
                side,
                amountUsd,
                quantity,
                limitPrice,
                status,
                failureReason,
                filledQuantity,
                filledAmountUsd,
                averagePrice,
                reservation,
                broker,
                brokerAccountId,
                brokerAccountNo,
                brokerOrderRef,
                cancelRequested,
                newNextAction,
                attempts,
                version,
                createdAt,
                updatedAt);
    }

    public Order withCancelRequested() {
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                assetType,
                symbol,
                option,
                side,
                amountUsd,
                quantity,
                limitPrice,
                status,
                failureReason,
                filledQuantity,
                filledAmountUsd,
                averagePrice,
                reservation,
                broker,
                brokerAccountId,
                brokerAccountNo,
                brokerOrderRef,
                true,
                nextAction,
                attempts,
                version,
                createdAt,
                updatedAt);
    }

    public Order withBrokerOrderRef(String newBrokerOrderRef) {
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                assetType,
                symbol,
                option,
                side,
                amountUsd,
                quantity,
                limitPrice,
                status,
                failureReason,
                filledQuantity,
                filledAmountUsd,
                averagePrice,
                reservation,
                broker,
                brokerAccountId,
                brokerAccountNo,
                newBrokerOrderRef,
                cancelRequested,
                nextAction,
                attempts,
                version,
                createdAt,
                updatedAt);
    }

    /** The next version of the order (every change a client or funding sees makes one). */
    public Order nextVersion() {
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                assetType,
                symbol,
                option,
                side,
                amountUsd,
                quantity,
                limitPrice,
                status,
                failureReason,
                filledQuantity,
                filledAmountUsd,
                averagePrice,
                reservation,
                broker,
                brokerAccountId,
                brokerAccountNo,
                brokerOrderRef,
                cancelRequested,
                nextAction,
                attempts,
                version + 1,
                createdAt,
                updatedAt);
    }
}
