package com.stack.investing.portfolio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.stack.investing.shared.domain.AssetType;
import org.junit.jupiter.api.Test;

class HoldingTest {

    @Test
    void aSaleTakesItsShareOfTheCostAndRealizesTheRest() {
        Holding held = Holding.none("VTI", AssetType.ETF)
                .bought(new BigDecimal("3"), new BigDecimal("600.00"))
                .bought(new BigDecimal("1"), new BigDecimal("210.00"));
        assertThat(held.quantity()).isEqualByComparingTo("4");
        assertThat(held.costBasisUsd()).isEqualByComparingTo("810.00");

        Holding afterSale = held.sold(new BigDecimal("1"), new BigDecimal("250.00"));
        // a quarter of 810 is 202.50; 250 - 202.50 realized
        assertThat(afterSale.quantity()).isEqualByComparingTo("3");
        assertThat(afterSale.costBasisUsd()).isEqualByComparingTo("607.50");
        assertThat(afterSale.realizedPnlUsd()).isEqualByComparingTo("47.50");

        Holding gone = afterSale.sold(new BigDecimal("3"), new BigDecimal("600.00"));
        assertThat(gone.isEmpty()).isTrue();
        assertThat(gone.costBasisUsd()).isZero();
        assertThat(gone.realizedPnlUsd()).isEqualByComparingTo("40.00");
    }

    @Test
    void aSaleOfMoreThanIsHeldSellsWhatIsHeld() {
        Holding held = Holding.none("VTI", AssetType.ETF).bought(new BigDecimal("2"), new BigDecimal("100"));
        assertThat(held.sold(new BigDecimal("5"), new BigDecimal("120")).isEmpty())
                .isTrue();
    }
}
