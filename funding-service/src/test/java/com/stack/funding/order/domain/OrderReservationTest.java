package com.stack.funding.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.stack.funding.ledger.domain.LedgerAccountKind;
import com.stack.funding.ledger.domain.LedgerAccountRef;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.order.domain.OrderReservation.Outcome;
import com.stack.funding.order.domain.OrderReservation.Refusal;
import com.stack.funding.order.domain.OrderReservation.Settlement;
import com.stack.funding.order.domain.OrderReservation.Side;
import com.stack.funding.order.domain.OrderReservation.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The order reservation's decisions and its ledger postings, without Spring. */
class OrderReservationTest {

    static final UUID USER = UUID.randomUUID();
    static final UUID ORDER = UUID.randomUUID();

    static OrderReservation answer(Side side, String amount, String buyingPower, String accountId) {
        return OrderReservation.answer(
                ORDER,
                USER,
                side,
                new BigDecimal(amount),
                new BigDecimal(buyingPower),
                "drivewealth",
                accountId,
                accountId == null ? null : "NO-1",
                Instant.EPOCH);
    }

    static OrderReservation buy(String amount) {
        return answer(Side.BUY, amount, "1000000", "acc");
    }

    @Test
    void aBuyCoveredByBuyingPowerIsReservedHoldingItsAmount() {
        OrderReservation reservation = answer(Side.BUY, "100.00", "100.00", "acc");

        assertThat(reservation.outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(reservation.reason()).isNull();
        assertThat(reservation.heldUsd()).isEqualByComparingTo("100.00");
        assertThat(reservation.brokerAccountId()).isEqualTo("acc");
    }

    @Test
    void aBuyBeyondBuyingPowerIsRefusedAndHoldsNothing() {
        OrderReservation reservation = answer(Side.BUY, "100.01", "100.00", "acc");

        assertThat(reservation.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(reservation.reason()).isEqualTo(Refusal.INSUFFICIENT_BUYING_POWER);
        assertThat(reservation.heldUsd()).isEqualByComparingTo("0");
    }

    @Test
    void aBuyRefusedByTheBrokerHoldsNothingAndKeepsItsAccount() {
        OrderReservation reservation =
                answer(Side.BUY, "100.00", "100.00", "acc").refusedByBroker();

        assertThat(reservation.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(reservation.reason()).isEqualTo(Refusal.BROKER_BUYING_POWER_SHORT);
        assertThat(reservation.heldUsd()).isEqualByComparingTo("0");
        assertThat(reservation.brokerAccountId()).isEqualTo("acc");
    }

    @Test
    void withoutABrokerAccountBuysAndSellsAreRefused() {
        assertThat(answer(Side.BUY, "1.00", "100", null).reason()).isEqualTo(Refusal.NO_BROKER_ACCOUNT);
        assertThat(answer(Side.SELL, "1.00", "100", null).reason()).isEqualTo(Refusal.NO_BROKER_ACCOUNT);
    }

    @Test
    void aSellIsReservedWithoutBuyingPowerAndHoldsNothing() {
        OrderReservation reservation = answer(Side.SELL, "500.00", "0", "acc");

        assertThat(reservation.outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(reservation.heldUsd()).isEqualByComparingTo("0");
        assertThat(reservation.heldUsd().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void partialFillsMoveTheirDifferenceAndTheEndReleasesTheRest() {
        OrderReservation reservation = buy("100.00");

        Settlement first = reservation.settle(new BigDecimal("30.00"), null);
        assertThat(first.buyFilled()).isEqualByComparingTo("30.00");
        assertThat(first.released()).isEqualByComparingTo("0");
        Settlement older = first.after().settle(new BigDecimal("10.00"), null);
        assertThat(older.changed()).isFalse();
        assertThat(older.buyFilled()).isEqualByComparingTo("0");
        Settlement canceled = older.after().settle(new BigDecimal("45.50"), Terminal.CANCELED);
        assertThat(canceled.buyFilled()).isEqualByComparingTo("15.50");
        assertThat(canceled.released()).isEqualByComparingTo("54.50");
        assertThat(canceled.after().terminalStatus()).isEqualTo(Terminal.CANCELED);
        Settlement again = canceled.after().settle(new BigDecimal("45.50"), Terminal.CANCELED);
        assertThat(again.changed()).isFalse();
        assertThat(again.released()).isEqualByComparingTo("0");
    }

    @Test
    void aFillBeyondTheHoldMovesOnlyWhatTheHoldHasLeft() {
        Settlement settlement = buy("100.00")
                .settle(new BigDecimal("80.00"), null)
                .after()
                .settle(new BigDecimal("100.25"), Terminal.FILLED);

        assertThat(settlement.buyFilled()).isEqualByComparingTo("20.00");
        assertThat(settlement.beyondHold()).isEqualByComparingTo("0.25");
        assertThat(settlement.released()).isEqualByComparingTo("0");
        // a repeat of the same status reports nothing beyond the hold again
        assertThat(settlement
                        .after()
                        .settle(new BigDecimal("100.25"), Terminal.FILLED)
                        .changed())
                .isFalse();
    }

    @Test
    void aBuyFillAfterTheOrderEndedIsBeyondTheReleasedHold() {
        Settlement late = buy("100.00")
                .settle(new BigDecimal("10.00"), Terminal.CANCELED)
                .after()
                .settle(new BigDecimal("12.00"), null);

        assertThat(late.buyFilled()).isEqualByComparingTo("0");
        assertThat(late.beyondHold()).isEqualByComparingTo("2.00");
    }

    @Test
    void aSellCreditsEachNewFillAndReleasesNothing() {
        OrderReservation sell = answer(Side.SELL, "50.00", "0", "acc");

        Settlement filled =
                sell.settle(new BigDecimal("20.00"), null).after().settle(new BigDecimal("49.99"), Terminal.FILLED);

        assertThat(filled.sellFilled()).isEqualByComparingTo("29.99");
        assertThat(filled.released()).isEqualByComparingTo("0");
        assertThat(filled.after().settledFilledUsd()).isEqualByComparingTo("49.99");
    }

    @Test
    void aRefusedOrderHasNothingToSettle() {
        assertThatThrownBy(() -> answer(Side.BUY, "10", "0", "acc").settle(BigDecimal.ONE, Terminal.FILLED))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1.00", "1.001", "1e3", "abc", "", "1234567890123456.00"})
    void amountsOtherThanPlainNonNegativeCentsAreRefused(String text) {
        assertThatThrownBy(() -> OrderReservation.usd("amountUsd", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("amountUsd");
    }

    @Test
    void theHoldMovesBuyingPowerToThePendingOrder() {
        LedgerPosting posting = LedgerPosting.orderHeld(buy("125.50"));

        assertThat(posting.kind()).isEqualTo("order_held");
        assertThat(posting.reference()).isEqualTo("order:" + ORDER + ":held");
        assertThat(posting.entries())
                .containsExactly(
                        new LedgerPosting.Entry(
                                LedgerAccountRef.users(USER, LedgerAccountKind.USER_BUYING_POWER, "USD"),
                                new BigDecimal("-125.500000")),
                        new LedgerPosting.Entry(
                                LedgerAccountRef.users(USER, LedgerAccountKind.USER_PENDING_ORDER, "USD"),
                                new BigDecimal("125.500000")));
    }

    @Test
    void aBuyFillMovesThePendingOrderToInvestedOncePerCumulativeFill() {
        LedgerPosting posting =
                LedgerPosting.orderBuyFilled(buy("100"), new BigDecimal("12.34"), new BigDecimal("42.30"));

        assertThat(posting.reference()).isEqualTo("order:" + ORDER + ":filled:4230");
        assertThat(posting.entries())
                .containsExactly(
                        new LedgerPosting.Entry(
                                LedgerAccountRef.users(USER, LedgerAccountKind.USER_PENDING_ORDER, "USD"),
                                new BigDecimal("-12.340000")),
                        new LedgerPosting.Entry(
                                LedgerAccountRef.partnerClearing(LedgerPosting.INVESTED, "USD"),
                                new BigDecimal("12.340000")));
    }

    @Test
    void aSellFillMovesInvestedToBuyingPower() {
        LedgerPosting posting = LedgerPosting.orderSellFilled(
                answer(Side.SELL, "10", "0", "acc"), new BigDecimal("7"), new BigDecimal("7"));

        assertThat(posting.reference()).isEqualTo("order:" + ORDER + ":filled:700");
        assertThat(posting.entries())
                .containsExactly(
                        new LedgerPosting.Entry(
                                LedgerAccountRef.partnerClearing(LedgerPosting.INVESTED, "USD"),
                                new BigDecimal("-7.000000")),
                        new LedgerPosting.Entry(
                                LedgerAccountRef.users(USER, LedgerAccountKind.USER_BUYING_POWER, "USD"),
                                new BigDecimal("7.000000")));
    }

    @Test
    void theReleaseReturnsTheRemainderToBuyingPower() {
        LedgerPosting posting = LedgerPosting.orderReleased(buy("100"), new BigDecimal("54.50"));

        assertThat(posting.reference()).isEqualTo("order:" + ORDER + ":released");
        assertThat(posting.entries())
                .extracting(entry -> entry.account().kind(), LedgerPosting.Entry::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                LedgerAccountKind.USER_PENDING_ORDER, new BigDecimal("-54.500000")),
                        org.assertj.core.groups.Tuple.tuple(
                                LedgerAccountKind.USER_BUYING_POWER, new BigDecimal("54.500000")));
        assertThat(List.of(posting.entries()
                        .get(0)
                        .amount()
                        .add(posting.entries().get(1).amount())))
                .containsExactly(new BigDecimal("0.000000"));
    }

    @Test
    void aPendingOrderAccountIsTheUsers() {
        assertThat(LedgerAccountKind.USER_PENDING_ORDER.isUsers()).isTrue();
        assertThat(LedgerAccountKind.USER_PENDING_ORDER.column()).isEqualTo("user_pending_order");
        assertThatThrownBy(() -> new LedgerAccountRef(null, LedgerAccountKind.USER_PENDING_ORDER, "USD", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
