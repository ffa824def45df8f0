package com.stack.investing.order.domain;

import static com.stack.investing.order.domain.BrokerOrderState.ACCEPTED;
import static com.stack.investing.order.domain.BrokerOrderState.CANCELED;
import static com.stack.investing.order.domain.BrokerOrderState.EXPIRED;
import static com.stack.investing.order.domain.BrokerOrderState.FILLED;
import static com.stack.investing.order.domain.BrokerOrderState.PARTIALLY_FILLED;
import static com.stack.investing.order.domain.BrokerOrderState.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;
import org.junit.jupiter.api.Test;

class OrderExecutionTest {

    static OrderExecution.Outcome report(Order order, BrokerOrderState state, String quantity, String price) {
        return OrderExecution.apply(
                order, state, new BigDecimal(quantity), price == null ? null : new BigDecimal(price), null);
    }

    @Test
    void aPartialThenAFullFillMoveTheCumulativeFiguresByTheirDifference() {
        Order order = Orders.buy("100.00");
        OrderExecution.Outcome partial = report(order, PARTIALLY_FILLED, "0.25", "201.13");
        // 0.25 x 201.13 = 50.2825 -> 50.28
        assertThat(partial.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(partial.order().filledAmountUsd()).isEqualByComparingTo("50.28");
        assertThat(partial.quantityDelta()).isEqualByComparingTo("0.25");
        assertThat(partial.amountDelta()).isEqualByComparingTo("50.28");

        OrderExecution.Outcome full = report(partial.order(), FILLED, "0.497183", "201.13");
        // 0.497183 x 201.13 = 99.99841679 -> 100.00
        assertThat(full.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(full.order().filledAmountUsd()).isEqualByComparingTo("100.00");
        assertThat(full.quantityDelta()).isEqualByComparingTo("0.247183");
        assertThat(full.amountDelta()).isEqualByComparingTo("49.72");
        assertThat(full.changed()).isTrue();
    }

    @Test
    void duplicatedAndReorderedReportsChangeNothing() {
        Order order = Orders.buy("100.00");
        Order partial = report(order, PARTIALLY_FILLED, "0.25", "200").order();
        Order filled = report(partial, FILLED, "0.5", "200").order();

        OrderExecution.Outcome duplicate = report(partial, PARTIALLY_FILLED, "0.25", "200");
        assertThat(duplicate.changed()).isFalse();
        assertThat(duplicate.amountDelta()).isZero();
        // the partial fill arriving after the fill
        OrderExecution.Outcome late = report(filled, PARTIALLY_FILLED, "0.25", "200");
        assertThat(late.changed()).isFalse();
        assertThat(late.order()).isEqualTo(filled);
        // an acceptance arriving after a partial fill does not take the order back
        OrderExecution.Outcome accepted = report(partial, ACCEPTED, "0", null);
        assertThat(accepted.changed()).isFalse();
        assertThat(accepted.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        // a final status is never left
        assertThat(report(filled, CANCELED, "0.5", "200").order().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aBuyNeverShowsMoreFilledThanItsAmount() {
        OrderExecution.Outcome outcome = report(Orders.buy("10.00"), FILLED, "1", "10.004");
        assertThat(outcome.capped()).isFalse();
        OrderExecution.Outcome over = report(Orders.buy("10.00"), FILLED, "1", "10.01");
        assertThat(over.capped()).isTrue();
        assertThat(over.order().filledAmountUsd()).isEqualByComparingTo("10.00");
    }

    @Test
    void finalReportsMapToFinalStatusesWithTheirReasons() {
        Order order = Orders.buy("50.00");
        assertThat(OrderExecution.apply(order, REJECTED, BigDecimal.ZERO, null, "INSUFFICIENT_BUYING_POWER")
                        .order())
                .extracting(Order::status, Order::failureReason)
                .containsExactly(OrderStatus.FAILED, "INSUFFICIENT_BUYING_POWER");
        assertThat(report(order, EXPIRED, "0", null).order())
                .extracting(Order::status, Order::failureReason)
                .containsExactly(OrderStatus.CANCELED, "EXPIRED");
        Order partlyCanceled = report(
                        report(order, PARTIALLY_FILLED, "0.1", "100").order(), CANCELED, "0.1", "100")
                .order();
        assertThat(partlyCanceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(partlyCanceled.filledAmountUsd()).isEqualByComparingTo("10.00");
    }

    @Test
    void anOptionFillIsWorthContractsTimesAHundredTimesThePrice() {
        Order option = Orders.order(AssetType.OPTION, OrderSide.BUY, "1000.00", OrderStatus.ACCEPTED_BY_BROKER);
        OrderExecution.Outcome outcome = report(option, FILLED, "3", "3.215");
        // 3 x 3.215 x 100 = 964.50
        assertThat(outcome.order().filledAmountUsd()).isEqualByComparingTo("964.50");
        assertThat(OrderExecution.filledAmount(new BigDecimal("1"), new BigDecimal("0.12345"), AssetType.OPTION))
                .isEqualByComparingTo("12.34"); // 12.345 half-even
    }
}
