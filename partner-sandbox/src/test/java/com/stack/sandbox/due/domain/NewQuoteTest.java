package com.stack.sandbox.due.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class NewQuoteTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final BigDecimal FEE = new BigDecimal("1.50");

    @Test
    void theFeeIsTakenFromWhatTheDestinationReceivesRoundedDownToItsDecimals() {
        Quote quote = new NewQuote(Rail.SOLANA, new BigDecimal("125.123456"), Rail.WIRE, null)
                .priced("qt_1", FEE, NOW, Duration.ofMinutes(2));

        assertThat(quote.source()).isEqualTo(new Leg("solana", "USDC", "125.123456"));
        assertThat(quote.destination()).isEqualTo(new Leg("wire", "USD", "123.62"));
        assertThat(quote.fees()).isEqualTo("1.50");
        assertThat(quote.fxRate()).isEqualTo("1");
        assertThat(quote.expiresAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(quote.expiredAt(NOW.plusSeconds(119))).isFalse();
        assertThat(quote.expiredAt(NOW.plusSeconds(120))).isTrue();
    }

    @Test
    void aDestinationAmountAloneIsGrossedUpByTheFee() {
        Quote quote = new NewQuote(Rail.ACH, null, Rail.ETHEREUM, new BigDecimal("10"))
                .priced("qt_2", FEE, NOW, Duration.ofMinutes(2));

        assertThat(quote.source()).isEqualTo(new Leg("ach", "USD", "11.50"));
        assertThat(quote.destination()).isEqualTo(new Leg("ethereum", "USDC", "10.000000"));
    }

    @Test
    void anAmountThatDoesNotCoverTheFeeOrDisagreesIsRefused() {
        assertThatThrownBy(() -> new NewQuote(Rail.ETHEREUM, new BigDecimal("1.5"), Rail.ACH, null)
                        .priced("qt_3", FEE, NOW, Duration.ofMinutes(2)))
                .isInstanceOf(DueException.class)
                .satisfies(e ->
                        assertThat(((DueException) e).body().error().field()).isEqualTo("source.amount"));
        assertThatThrownBy(() -> new NewQuote(Rail.ETHEREUM, new BigDecimal("5"), Rail.ACH, new BigDecimal("5"))
                        .priced("qt_4", FEE, NOW, Duration.ofMinutes(2)))
                .isInstanceOf(DueException.class)
                .satisfies(e ->
                        assertThat(((DueException) e).body().error().field()).isEqualTo("destination.amount"));
        assertThatThrownBy(() -> new NewQuote(Rail.ETHEREUM, BigDecimal.ONE, Rail.SOLANA, null))
                .isInstanceOf(DueException.class);
    }
}
