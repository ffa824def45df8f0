package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import com.stack.investing.shared.domain.Money;

/**
 * A basket order's status and fills, derived from its children: the filled amount is their sum; while any child is
 * open the basket is PARTIALLY_FILLED if anything filled, else as far along as its least advanced open child; once
 * all are final it is FILLED if all filled, FAILED if nothing filled and any failed, else CANCELED (saying how many
 * of its orders filled).
 */
public final class BasketProgress {

    private BasketProgress() {}

    public static Order derive(Order parent, List<Order> children) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("Basket order " + parent.id() + " has no children");
        }
        BigDecimal filled = children.stream().map(Order::filledAmountUsd).reduce(Money.ZERO_USD, BigDecimal::add);
        boolean anythingFilled = filled.signum() > 0
                || children.stream().anyMatch(child -> child.filledQuantity().signum() > 0);
        List<Order> open =
                children.stream().filter(child -> !child.status().isFinal()).toList();
        OrderStatus status;
        String failureReason = null;
        if (!open.isEmpty()) {
            status = anythingFilled
                    ? OrderStatus.PARTIALLY_FILLED
                    : open.stream()
                            .map(Order::status)
                            .min(Comparator.comparingInt(OrderStatus::progress))
                            .orElseThrow();
        } else if (children.stream().allMatch(child -> child.status() == OrderStatus.FILLED)) {
            status = OrderStatus.FILLED;
        } else if (!anythingFilled && children.stream().anyMatch(child -> child.status() == OrderStatus.FAILED)) {
            status = OrderStatus.FAILED;
            failureReason = children.stream()
                    .filter(child -> child.status() == OrderStatus.FAILED)
                    .map(Order::failureReason)
                    .filter(reason -> reason != null)
                    .findFirst()
                    .orElse("FAILED");
        } else {
            status = OrderStatus.CANCELED;
            long filledChildren = children.stream()
                    .filter(child -> child.filledQuantity().signum() > 0)
                    .count();
            failureReason = filledChildren + " of " + children.size() + " basket orders filled";
        }
        if (parent.status().isFinal()) {
            return parent;
        }
        return parent.withExecution(status, failureReason, BigDecimal.ZERO, filled, null);
    }
}
