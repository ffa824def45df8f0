package com.stack.funding.order.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.stack.contracts.input.InputBounds;

/**
 * Funding's side of one investing order ({@code order_reservations}): the answer to its reservation request and
 * how far its fills were settled in the ledger. The decisions are here, as plain Java: {@link #answer} for a
 * request, {@link #settle} for each status the order reports.
 *
 * @param heldUsd          buying power held for the order (its amount for a reserved buy, else 0)
 * @param settledFilledUsd the cumulative fill settled so far: a sell's was credited to buying power in full; a
 *                         buy's moved from the hold to the house's invested account up to the hold (a fill beyond
 *                         the hold is never taken from buying power: {@link Settlement#beyondHold()})
 * @param terminalStatus   how the order ended, once what it held and did not fill was released; null before
 */
public record OrderReservation(
        UUID orderId,
        UUID userId,
        Side side,
        BigDecimal amountUsd,
        BigDecimal heldUsd,
        BigDecimal settledFilledUsd,
        Outcome outcome,
        Refusal reason,
        String broker,
        String brokerAccountId,
        String brokerAccountNo,
        Terminal terminalStatus,
        Instant createdAt) {

    /** USD amounts of orders: whole cents. */
    public static final int SCALE = 2;

    public enum Side {
        BUY,
        SELL;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        RESERVED,
        REFUSED;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why a reservation was refused, in the contract's spelling ({@code name()}); BROKER_BUYING_POWER_SHORT: the
     * ledger covered the buy, the broker's own buying power did not.
     */
    public enum Refusal {
        INSUFFICIENT_BUYING_POWER,
        NO_BROKER_ACCOUNT,
        BROKER_BUYING_POWER_SHORT;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The statuses that end an order ({@code OrderStatusChanged.status}). */
    public enum Terminal {
        FILLED,
        FAILED,
        CANCELED;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The terminal status {@code status} names (the contract's spelling), or null when it is not one. */
        public static Terminal of(String status) {
            for (Terminal terminal : values()) {
                if (terminal.name().equals(status)) {
                    return terminal;
                }
            }
            return null;
        }
    }

    public OrderReservation {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(outcome, "outcome");
        amountUsd = amountUsd.setScale(SCALE);
        heldUsd = heldUsd.setScale(SCALE);
        settledFilledUsd = settledFilledUsd.setScale(SCALE);
    }

    /**
     * The answer to a reservation request, given the user's account at the broker ({@code accountId} null when
     * the user has none) and buying power: without an account, refused (NO_BROKER_ACCOUNT); a buy whose amount is
     * more than the buying power, refused (INSUFFICIENT_BUYING_POWER); else reserved, a buy holding its amount, a
     * sell nothing.
     */
    public static OrderReservation answer(
            UUID orderId,
            UUID userId,
            Side side,
            BigDecimal amountUsd,
            BigDecimal buyingPower,
            String broker,
            String accountId,
            String accountNo,
            Instant now) {
        Refusal refusal = accountId == null
                ? Refusal.NO_BROKER_ACCOUNT
                : side == Side.BUY && buyingPower.compareTo(amountUsd) < 0 ? Refusal.INSUFFICIENT_BUYING_POWER : null;
        BigDecimal held = refusal == null && side == Side.BUY ? amountUsd : BigDecimal.ZERO;
        return new OrderReservation(
                orderId,
                userId,
                side,
                amountUsd,
                held,
                BigDecimal.ZERO,
                refusal == null ? Outcome.RESERVED : Outcome.REFUSED,
                refusal,
                broker,
                accountId,
                accountNo,
                null,
                now);
    }

    /** This answer refused after all, holding nothing: the broker itself has less available than the buy. */
    public OrderReservation refusedByBroker() {
        return new OrderReservation(
                orderId,
                userId,
                side,
                amountUsd,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                Outcome.REFUSED,
                Refusal.BROKER_BUYING_POWER_SHORT,
                broker,
                brokerAccountId,
                brokerAccountNo,
                null,
                createdAt);
    }

    /**
     * A USD amount as the order contracts spell it: plain decimal text (within {@link InputBounds}) in whole
     * cents, not negative. Anything else is refused with the reason ({@link IllegalArgumentException}).
     */
    public static BigDecimal usd(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        BigDecimal amount;
        try {
            amount = InputBounds.decimal(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " " + e.getMessage());
        }
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException(field + " " + text + " is negative or finer than cents");
        }
        return amount.setScale(SCALE);
    }

    public boolean reserved() {
        return outcome == Outcome.RESERVED;
    }

    /**
     * What the ledger does with a reported status: {@code buyFilled} moves from the hold to invested,
     * {@code sellFilled} from invested to buying power, {@code released} from the hold back to buying power (each
     * zero when nothing moves), {@code beyondHold} is a buy's fill the hold did not cover (moved nowhere),
     * {@code after} is the reservation as it is then and {@code changed} whether it differs from before.
     */
    public record Settlement(
            BigDecimal buyFilled,
            BigDecimal sellFilled,
            BigDecimal released,
            BigDecimal beyondHold,
            OrderReservation after,
            boolean changed) {}

    /**
     * Settles the order's cumulative {@code filledUsd} and, when {@code terminal} is not null, its end. Fills are
     * cumulative, so only what exceeds the fill settled before counts: a repeated or older status moves nothing. A
     * buy's fill moves out of the hold, never beyond what is left of it (and nothing once the hold was released);
     * a sell's fill is credited in full. The first terminal status releases what a buy held and did not fill;
     * another one changes nothing.
     */
    public Settlement settle(BigDecimal filledUsd, Terminal terminal) {
        if (!reserved()) {
            throw new IllegalStateException("Order " + orderId + " was refused: nothing to settle");
        }
        BigDecimal filled = filledUsd.setScale(SCALE);
        BigDecimal delta = filled.subtract(settledFilledUsd).max(BigDecimal.ZERO);
        BigDecimal buyFilled = BigDecimal.ZERO.setScale(SCALE);
        BigDecimal sellFilled = BigDecimal.ZERO.setScale(SCALE);
        BigDecimal beyondHold = BigDecimal.ZERO.setScale(SCALE);
        if (side == Side.BUY) {
            buyFilled = delta.min(holdLeft());
            beyondHold = delta.subtract(buyFilled);
        } else {
            sellFilled = delta;
        }
        BigDecimal settled = settledFilledUsd.add(delta);
        Terminal ended = terminalStatus;
        BigDecimal released = BigDecimal.ZERO.setScale(SCALE);
        if (terminal != null && terminalStatus == null) {
            ended = terminal;
            if (side == Side.BUY) {
                released = heldUsd.subtract(settled.min(heldUsd));
            }
        }
        return new Settlement(
                buyFilled,
                sellFilled,
                released,
                beyondHold,
                new OrderReservation(
                        orderId,
                        userId,
                        side,
                        amountUsd,
                        heldUsd,
                        settled,
                        outcome,
                        reason,
                        broker,
                        brokerAccountId,
                        brokerAccountNo,
                        ended,
                        createdAt),
                delta.signum() > 0 || ended != terminalStatus);
    }

    /** What a buy's hold still covers: the hold less the fills it paid for, nothing once the order ended. */
    private BigDecimal holdLeft() {
        return terminalStatus != null
                ? BigDecimal.ZERO.setScale(SCALE)
                : heldUsd.subtract(settledFilledUsd.min(heldUsd));
    }
}
