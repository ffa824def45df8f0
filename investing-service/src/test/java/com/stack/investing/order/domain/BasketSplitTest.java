package com.stack.investing.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import com.stack.investing.basket.domain.BasketWeight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasketSplitTest {

    static final List<BasketWeight> STEADY_INCOME =
            weights("BND", "0.50", "BNDX", "0.20", "VTI", "0.20", "VXUS", "0.10");
    static final List<BasketWeight> BALANCED_CORE =
            weights("VTI", "0.40", "VXUS", "0.20", "BND", "0.30", "BNDX", "0.10");
    static final List<BasketWeight> GROWTH_EQUITY = weights("VTI", "0.60", "VXUS", "0.25", "QQQ", "0.15");

    static List<BasketWeight> weights(String... symbolsAndWeights) {
        List<BasketWeight> weights = new java.util.ArrayList<>();
        for (int i = 0; i < symbolsAndWeights.length; i += 2) {
            weights.add(new BasketWeight(symbolsAndWeights[i], new BigDecimal(symbolsAndWeights[i + 1])));
        }
        return weights;
    }

    static List<String> amounts(List<BasketSplit.Leg> legs) {
        return legs.stream()
                .map(leg -> leg.symbol() + "=" + leg.amountUsd().toPlainString())
                .toList();
    }

    @Test
    void leftoverCentsGoToTheLargestRemainders() {
        // 1001 cents: 500.5, 200.2, 200.2, 100.1 -> the one cent left goes to BND (remainder .5)
        assertThat(amounts(BasketSplit.split(new BigDecimal("10.01"), STEADY_INCOME)))
                .containsExactly("BND=5.01", "BNDX=2.00", "VTI=2.00", "VXUS=1.00");
        // 33333 cents: 19999.8, 8333.25, 4999.95 -> two cents left: QQQ (.95) then VTI (.8)
        assertThat(amounts(BasketSplit.split(new BigDecimal("333.33"), GROWTH_EQUITY)))
                .containsExactly("VTI=200.00", "VXUS=83.33", "QQQ=50.00");
        // 100007 cents: 40002.8, 20001.4, 30002.1, 10000.7 -> VTI (.8) and BNDX (.7)
        assertThat(amounts(BasketSplit.split(new BigDecimal("1000.07"), BALANCED_CORE)))
                .containsExactly("VTI=400.03", "VXUS=200.01", "BND=300.02", "BNDX=100.01");
    }

    @Test
    void equalRemaindersAreBrokenBySymbol() {
        List<BasketWeight> quarters = weights("DDD", "0.25", "CCC", "0.25", "BBB", "0.25", "AAA", "0.25");
        assertThat(amounts(BasketSplit.split(new BigDecimal("4.03"), quarters)))
                .containsExactly("DDD=1.00", "CCC=1.01", "BBB=1.01", "AAA=1.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.00", "10.01", "333.33", "1000.07", "0.03", "99999.99", "12345.67", "7"})
    void childrenSumExactlyToTheParent(String amount) {
        for (List<BasketWeight> basket : List.of(STEADY_INCOME, BALANCED_CORE, GROWTH_EQUITY)) {
            List<BasketSplit.Leg> legs = BasketSplit.split(new BigDecimal(amount), basket);
            assertThat(legs.stream().map(BasketSplit.Leg::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(amount);
            assertThat(legs)
                    .allSatisfy(leg -> assertThat(leg.amountUsd().scale()).isEqualTo(2));
        }
    }

    @Test
    void weightsThatDoNotSumToOneAreRefused() {
        assertThatThrownBy(() -> BasketSplit.split(BigDecimal.TEN, weights("VTI", "0.5", "BND", "0.4")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
