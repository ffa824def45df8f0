package com.stack.investing.basket.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.stack.investing.basket.domain.Basket;
import com.stack.investing.basket.domain.BasketWeight;
import com.stack.investing.basket.domain.RiskLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompositionJsonTest {

    @Test
    void weightsStoredAsStringsAreReadAsExactDecimals() {
        List<BasketWeight> weights = CompositionJson.parse(
                "[{\"symbol\": \"VTI\", \"weight\": \"0.60\"}, {\"symbol\": \"VXUS\", \"weight\": \"0.25\"},"
                        + " {\"symbol\": \"QQQ\", \"weight\": \"0.15\"}]");

        assertThat(weights).extracting(BasketWeight::symbol).containsExactly("VTI", "VXUS", "QQQ");
        assertThat(weights.get(0).weight().toPlainString()).isEqualTo("0.60");
        assertThat(new Basket(UUID.randomUUID(), "Growth", null, RiskLevel.GROWTH, weights, true).totalWeight())
                .isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void weightsStoredAsNumbersNeverPassThroughADouble() {
        // 0.1 + 0.2 as doubles is 0.30000000000000004
        List<BasketWeight> weights = CompositionJson.parse(
                "[{\"symbol\": \"A\", \"weight\": 0.1}, {\"symbol\": \"B\", \"weight\": 0.2}, {\"symbol\": \"C\", \"weight\": 0.7}]");
        assertThat(weights.get(0).weight().add(weights.get(1).weight())).isEqualTo(new BigDecimal("0.3"));
        assertThat(weights.stream().map(BasketWeight::weight).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void anEmptyArrayIsAnEmptyComposition() {
        assertThat(CompositionJson.parse("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{\"symbol\": \"VTI\", \"weight\": \"1\"}",
                "[{\"weight\": \"1\"}]",
                "[{\"symbol\": \"VTI\"}]",
                "[{\"symbol\": \"VTI\", \"weight\": \"abc\"}]",
                "[{\"symbol\": \"VTI\", \"weight\": \"0\"}]",
                "[{\"symbol\": \"VTI\", \"weight\": \"1.5\"}]",
                "[{\"symbol\": \" \", \"weight\": \"1\"}]",
                "[{\"symbol\": 7, \"weight\": \"1\"}]"
            })
    void aMalformedCompositionIsRefused(String json) {
        assertThatThrownBy(() -> CompositionJson.parse(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
