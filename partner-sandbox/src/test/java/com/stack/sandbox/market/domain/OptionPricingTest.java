package com.stack.sandbox.market.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class OptionPricingTest {

    static final LocalDate TODAY = LocalDate.of(2025, 6, 2);

    @Test
    void anOccSymbolNamesRootExpiryRightAndStrike() {
        Instrument.OptionContract call = (Instrument.OptionContract)
                Instrument.parse("AAPL250620C00190000").orElseThrow();
        assertThat(call.root()).isEqualTo("AAPL");
        assertThat(call.expiry()).isEqualTo(LocalDate.of(2025, 6, 20));
        assertThat(call.call()).isTrue();
        assertThat(call.strike()).isEqualByComparingTo("190");
        assertThat(call.multiplier()).isEqualByComparingTo("100");
        assertThat(((Instrument.OptionContract)
                                Instrument.parse("SPY251219P00452500").orElseThrow())
                        .strike())
                .isEqualByComparingTo("452.5");
        assertThat(Instrument.parse("AAPL251340C00190000")).as("month 13").isEmpty();
        assertThat(Instrument.parse("aapl")).isEmpty();
        assertThat(Instrument.parse("TOOLONG")).isEmpty();
        assertThat(Instrument.parse("VTI").orElseThrow().assetClass()).isEqualTo(AssetClass.EQUITY);
    }

    @Test
    void thePriceIsIntrinsicPlusTimeValueAtLeastFiveCents() {
        Instrument.OptionContract call = (Instrument.OptionContract)
                Instrument.parse("AAPL250702C00190000").orElseThrow();
        Instrument.OptionContract put = (Instrument.OptionContract)
                Instrument.parse("AAPL250702P00190000").orElseThrow();
        BigDecimal underlying = new BigDecimal("200.00");
        // 30 days: 200 x 0.3 x sqrt(30/365) x 0.4 = 6.880...
        assertThat(OptionPricing.price(call, underlying, TODAY)).isEqualTo(new BigDecimal("16.88"));
        assertThat(OptionPricing.price(put, underlying, TODAY)).isEqualTo(new BigDecimal("6.88"));
        // the expiry day: intrinsic only, or the minimum
        assertThat(OptionPricing.price(call, underlying, LocalDate.of(2025, 7, 2)))
                .isEqualTo(new BigDecimal("10.00"));
        assertThat(OptionPricing.price(put, underlying, LocalDate.of(2025, 7, 2)))
                .isEqualTo(new BigDecimal("0.05"));
        assertThat(call.expiredOn(LocalDate.of(2025, 7, 2))).isFalse();
        assertThat(call.expiredOn(LocalDate.of(2025, 7, 3))).isTrue();
    }
}
