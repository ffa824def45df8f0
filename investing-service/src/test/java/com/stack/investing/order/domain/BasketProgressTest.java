package com.stack.investing.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;
import org.junit.jupiter.api.Test;

class BasketProgressTest {

    static final Order PARENT = Orders.order(AssetType.BASKET, OrderSide.BUY, "100.00", OrderStatus.PENDING);

    static Order child(OrderStatus status, String quantity, String amount) {
        return Orders.filled(
                Orders.order(AssetType.ETF, OrderSide.BUY, "50.00", OrderStatus.PENDING), quantity, amount, status);
    }

    @Test
    void openChildrenMakeTheBasketAsFarAlongAsTheLeastAdvancedUnlessSomethingFilled() {
        assertThat(BasketProgress.derive(
                                PARENT,
                                List.of(
                                        child(OrderStatus.ACCEPTED_BY_BROKER, "0", "0"),
                                        child(OrderStatus.PENDING, "0", "0")))
                        .status())
                .isEqualTo(OrderStatus.PENDING);
        assertThat(BasketProgress.derive(
                                PARENT,
                                List.of(
                                        child(OrderStatus.ACCEPTED_BY_BROKER, "0", "0"),
                                        child(OrderStatus.FAILED, "0", "0")))
                        .status())
                .isEqualTo(OrderStatus.ACCEPTED_BY_BROKER);
        Order partly = BasketProgress.derive(
                PARENT,
                List.of(child(OrderStatus.FILLED, "0.2", "50.00"), child(OrderStatus.ACCEPTED_BY_BROKER, "0", "0")));
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(partly.filledAmountUsd()).isEqualByComparingTo("50.00");
    }

    @Test
    void finalChildrenMakeTheBasketFilledFailedOrCanceled() {
        Order filled = BasketProgress.derive(
                PARENT, List.of(child(OrderStatus.FILLED, "0.2", "50.00"), child(OrderStatus.FILLED, "0.3", "49.99")));
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.filledAmountUsd()).isEqualByComparingTo("99.99");

        Order failed = BasketProgress.derive(
                PARENT,
                List.of(
                        child(OrderStatus.FAILED, "0", "0").withStatus(OrderStatus.FAILED, "UNKNOWN_SYMBOL"),
                        child(OrderStatus.CANCELED, "0", "0")));
        assertThat(failed)
                .extracting(Order::status, Order::failureReason)
                .containsExactly(OrderStatus.FAILED, "UNKNOWN_SYMBOL");

        Order someFilled = BasketProgress.derive(
                PARENT, List.of(child(OrderStatus.FILLED, "0.2", "50.00"), child(OrderStatus.FAILED, "0", "0")));
        assertThat(someFilled)
                .extracting(Order::status, Order::failureReason)
                .containsExactly(OrderStatus.CANCELED, "1 of 2 basket orders filled");
    }

    @Test
    void aFinalBasketStaysAsItIs() {
        Order canceled = PARENT.withStatus(OrderStatus.CANCELED, null);
        assertThat(BasketProgress.derive(canceled, List.of(child(OrderStatus.FILLED, "1", "50.00"))))
                .isEqualTo(canceled);
    }
}
