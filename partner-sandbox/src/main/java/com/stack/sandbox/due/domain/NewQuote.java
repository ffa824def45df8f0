package com.stack.sandbox.due.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * A valid quote request: from one kind of rail to the other, or {@code bank_us} to {@code bank_us} (a payout of
 * a virtual account's USD), with the amount of one side (or both, then they must agree). The sandbox's rate is 1 USD per USDC and its fee a flat USD amount, taken
 * from what the destination receives.
 *
 * @param sourceAmount      at most the source currency's decimals; {@code null} when only the destination's is given
 * @param destinationAmount at most the destination currency's decimals; {@code null} when not given
 */
public record NewQuote(Rail source, BigDecimal sourceAmount, Rail destination, BigDecimal destinationAmount) {

    public static final BigDecimal FX_RATE = BigDecimal.ONE;

    public NewQuote {
        boolean payout = source == Rail.BANK_US && destination == Rail.BANK_US;
        if (source.onChain() == destination.onChain() && !payout) {
            throw DueException.invalid(
                    "destination.rail",
                    "A transfer goes from a chain to a bank rail or back: " + source.wireName() + " to "
                            + destination.wireName() + " is not one");
        }
        if (sourceAmount == null && destinationAmount == null) {
            throw DueException.invalid("source.amount", "source.amount or destination.amount is required");
        }
    }

    /** The quote, priced now with {@code fee} (USD) and valid for {@code ttl}. */
    public Quote priced(String token, BigDecimal fee, Instant now, Duration ttl) {
        int sourceScale = source.currency().scale();
        int destinationScale = destination.currency().scale();
        BigDecimal sent;
        BigDecimal received;
        if (sourceAmount != null) {
            sent = sourceAmount.setScale(sourceScale);
            // the receiver never gets more than what was sent covers: round down
            received = sent.multiply(FX_RATE).subtract(fee).setScale(destinationScale, RoundingMode.DOWN);
            if (destinationAmount != null && destinationAmount.compareTo(received) != 0) {
                throw DueException.invalid(
                        "destination.amount",
                        "destination.amount must be " + received.toPlainString() + " for a source.amount of "
                                + sent.toPlainString() + " (rate " + FX_RATE + ", fees " + fee + ")");
            }
        } else {
            received = destinationAmount.setScale(destinationScale);
            sent = received.add(fee).divide(FX_RATE, sourceScale, RoundingMode.UP);
        }
        if (received.signum() <= 0) {
            throw DueException.invalid(
                    "source.amount", "The amount does not cover the fees of " + fee.toPlainString() + " USD");
        }
        return new Quote(
                token,
                leg(source, sent),
                leg(destination, received),
                FX_RATE.toPlainString(),
                fee.setScale(Rail.Currency.USD.scale()).toPlainString(),
                now,
                now.plus(ttl));
    }

    private static Leg leg(Rail rail, BigDecimal amount) {
        return new Leg(rail.wireName(), rail.currency().name(), amount.toPlainString());
    }
}
