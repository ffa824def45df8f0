package com.stack.sandbox.openai.domain;

import java.math.BigDecimal;

/**
 * One figure of the facts, with its text exactly as the facts' JSON wrote it ({@code 1234.50} stays
 * {@code 1234.50}).
 */
public record Figure(Kind kind, BigDecimal value, String text) {

    public enum Kind {
        AMOUNT,
        COUNT,
        PERCENT
    }

    /** As the summary writes it: {@code $1234.50}, {@code 3}, {@code 45.5%}. */
    public String rendered() {
        return switch (kind) {
            case AMOUNT -> "$" + text;
            case COUNT -> text;
            case PERCENT -> text + "%";
        };
    }

    /** This figure plus {@code delta}, written with at least the delta's decimals. */
    public Figure plus(BigDecimal delta) {
        BigDecimal sum = value.add(delta);
        return new Figure(kind, sum, sum.toPlainString());
    }
}
