package com.stack.sandbox.market.domain;

import java.math.BigDecimal;

/**
 * @param fraction of the quantity a {@code PARTIAL} fill takes: above 0, below 1
 */
public record FillBehaviour(FillMode mode, BigDecimal fraction) {

    public static final BigDecimal DEFAULT_FRACTION = new BigDecimal("0.5");
    public static final FillBehaviour DEFAULT = new FillBehaviour(FillMode.FILL, DEFAULT_FRACTION);

    public FillBehaviour {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of FILL, SPLIT, PARTIAL, REST, REJECT");
        }
        fraction = fraction == null ? DEFAULT_FRACTION : fraction;
        if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("fraction must be above 0 and below 1");
        }
    }
}
