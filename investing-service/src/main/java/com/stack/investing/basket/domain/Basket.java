package com.stack.investing.basket.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A curated basket from the catalogue. */
public record Basket(
        UUID id, String name, String description, RiskLevel riskLevel, List<BasketWeight> composition, boolean active) {

    public Basket {
        composition = List.copyOf(composition);
    }

    /** The sum of the weights; exactly 1 for a well-formed basket. */
    public BigDecimal totalWeight() {
        return composition.stream().map(BasketWeight::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
