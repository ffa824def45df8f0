package com.stack.sandbox.due.api;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewQuote;
import com.stack.sandbox.due.domain.Rail;

/**
 * The body of {@code POST /v1/transfers/quote}: {@code {"source": {"rail", "currency", "amount"},
 * "destination": {"rail", "currency", "amount"}}}, the amount of one side at least.
 */
public record QuoteRequest(LegRequest source, LegRequest destination) {

    /** One side as asked for; {@code amount} optional. */
    public record LegRequest(String rail, String currency, String amount) {}

    /** The quote this asks for; a 400 naming the first broken field otherwise. */
    public NewQuote validated() {
        Rail from = rail(source, "source");
        BigDecimal sent = amount(source, from, "source");
        Rail to = rail(destination, "destination");
        BigDecimal received = amount(destination, to, "destination");
        return new NewQuote(from, sent, to, received);
    }

    private static Rail rail(LegRequest leg, String field) {
        if (leg == null) {
            throw DueException.invalid(field, field + " is required");
        }
        Rail rail = Rail.named(leg.rail())
                .orElseThrow(() -> DueException.invalid(
                        field + ".rail", field + ".rail must be one of ethereum, solana, ach, wire, bank_us"));
        if (!rail.currency().name().equals(leg.currency())) {
            throw DueException.invalid(
                    field + ".currency", field + ".currency must be " + rail.currency() + " on " + rail.wireName());
        }
        return rail;
    }

    private static BigDecimal amount(LegRequest leg, Rail rail, String field) {
        if (leg.amount() == null) {
            return null;
        }
        int scale = rail.currency().scale();
        if (!Pattern.matches("\\d{1,15}(\\.\\d{1," + scale + "})?", leg.amount())
                || new BigDecimal(leg.amount()).signum() <= 0) {
            throw DueException.invalid(
                    field + ".amount",
                    field + ".amount must be a positive decimal string with at most " + scale + " decimals for "
                            + rail.currency());
        }
        return new BigDecimal(leg.amount());
    }
}
