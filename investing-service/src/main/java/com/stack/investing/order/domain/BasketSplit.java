package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.stack.investing.basket.domain.BasketWeight;

/**
 * Splits a basket order's amount into one amount per symbol by weight, in cents, summing exactly to the amount:
 * each symbol gets its share rounded down to the cent, and the cents left over go one each to the symbols with the
 * largest remainders (ties by symbol), so the split is the same every time.
 */
public final class BasketSplit {

    /** One symbol's part of a basket order. */
    public record Leg(String symbol, BigDecimal amountUsd) {}

    private BasketSplit() {}

    /** The legs in the composition's order; {@code amountUsd} has at most 2 decimals. */
    public static List<Leg> split(BigDecimal amountUsd, List<BasketWeight> composition) {
        if (composition.isEmpty()) {
            throw new IllegalArgumentException("A basket needs at least one symbol");
        }
        BigDecimal totalWeight =
                composition.stream().map(BasketWeight::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (totalWeight.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("Basket weights sum to " + totalWeight.toPlainString() + ", not 1");
        }
        BigDecimal cents = amountUsd.movePointRight(2);
        if (cents.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("Amount has fractions of a cent: " + amountUsd.toPlainString());
        }
        record Share(int index, String symbol, BigDecimal floorCents, BigDecimal remainder) {}
        List<Share> shares = new ArrayList<>();
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < composition.size(); i++) {
            BasketWeight weight = composition.get(i);
            BigDecimal exact = cents.multiply(weight.weight());
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            shares.add(new Share(i, weight.symbol(), floor, exact.subtract(floor)));
            assigned = assigned.add(floor);
        }
        int left = cents.subtract(assigned).intValueExact();
        List<Share> byRemainder = new ArrayList<>(shares);
        byRemainder.sort(Comparator.comparing(Share::remainder).reversed().thenComparing(Share::symbol));
        BigDecimal[] legCents = shares.stream().map(Share::floorCents).toArray(BigDecimal[]::new);
        for (int i = 0; i < left; i++) {
            Share share = byRemainder.get(i % byRemainder.size());
            legCents[share.index()] = legCents[share.index()].add(BigDecimal.ONE);
        }
        List<Leg> legs = new ArrayList<>();
        for (Share share : shares) {
            legs.add(new Leg(
                    share.symbol(), legCents[share.index()].movePointLeft(2).setScale(2)));
        }
        return List.copyOf(legs);
    }
}
