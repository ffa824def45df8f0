package com.stack.aicfo.facts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.stack.aicfo.facts.domain.Movement.Kind;
import com.stack.aicfo.facts.domain.SummaryFacts.Flows;
import com.stack.defaults.limits.PerWindowLimit;
import org.junit.jupiter.api.Test;

class PeriodTotalsTest {

    static final Instant AT = Instant.parse("2026-11-17T10:00:00Z");

    static Movement deposit(String usd) {
        return new Movement(Kind.DEPOSIT, new BigDecimal(usd), null, null, AT);
    }

    static Movement order(String usd, String side, String status) {
        return new Movement(Kind.ORDER, new BigDecimal(usd), side, status, AT);
    }

    @Test
    void depositsWithdrawalsAndOrdersAreSummedExactly() {
        PeriodTotals totals = PeriodTotals.of(List.of(
                deposit("100.10"),
                deposit("0.20"),
                new Movement(Kind.WITHDRAWAL, new BigDecimal("25.05"), null, null, AT),
                order("60.00", "BUY", "FILLED"),
                order("10.01", "BUY", "FILLED"),
                order("30.50", "SELL", "FILLED"),
                // canceled after a partial fill: its filled part was bought, but it is no order filled
                order("4.99", "BUY", "CANCELED")));

        assertThat(totals.deposits()).isEqualTo(new Flows(2, new BigDecimal("100.30")));
        assertThat(totals.withdrawals()).isEqualTo(new Flows(1, new BigDecimal("25.05")));
        assertThat(totals.ordersFilled()).isEqualTo(3);
        assertThat(totals.boughtUsd()).isEqualTo(new BigDecimal("75.00"));
        assertThat(totals.soldUsd()).isEqualTo(new BigDecimal("30.50"));
    }

    @Test
    void aQuietPeriodIsZeroesToTheCent() {
        PeriodTotals totals = PeriodTotals.of(List.of());
        assertThat(totals.deposits()).isEqualTo(new Flows(0, new BigDecimal("0.00")));
        assertThat(totals.withdrawals()).isEqualTo(new Flows(0, new BigDecimal("0.00")));
        assertThat(totals.ordersFilled()).isZero();
        assertThat(totals.boughtUsd()).isEqualTo(new BigDecimal("0.00"));
        assertThat(totals.soldUsd()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void eventAmountsAreParsedExactlyAndADepositCreditsWholeCentsRoundedDown() {
        assertThat(Usd.parse("100.000000")).isEqualTo(new BigDecimal("100.000000"));
        assertThat(Usd.creditedByDeposit(Usd.parse("100.129999"))).isEqualTo(new BigDecimal("100.12"));
        assertThat(Usd.cents(Usd.parse("12.5"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(Usd.cents(Usd.parse("0.125"))).isEqualTo(new BigDecimal("0.12"));
        assertThat(Usd.buyingPower(new BigDecimal("250.009999"))).isEqualTo(new BigDecimal("250.00"));
        assertThatThrownBy(() -> Usd.parse("12,50")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Usd.parse("-1.00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Usd.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnalysisRateLimitReadsCountPerWindow() {
        PerWindowLimit limit = PerWindowLimit.parse("10/1h");
        assertThat(limit.count()).isEqualTo(10);
        assertThat(limit.window()).hasHours(1);
        assertThat(limit.allowsAnother(9)).isTrue();
        assertThat(limit.allowsAnother(10)).isFalse();
        assertThat(PerWindowLimit.parse("3/30s").window()).hasSeconds(30);
        assertThatThrownBy(() -> PerWindowLimit.parse("ten an hour")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PerWindowLimit.parse("0/1h")).isInstanceOf(IllegalArgumentException.class);
    }
}
