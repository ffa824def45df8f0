package com.stack.funding.withdrawal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.stack.defaults.limits.PerWindowLimit;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;

/** The withdrawal request's rules, without Spring. */
class WithdrawalRulesTest {

    static final WithdrawalRules.Limits LIMITS =
            new WithdrawalRules.Limits(new BigDecimal("500"), new BigDecimal("1000"));
    static final String ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    static WithdrawalRules.Checked check(String amount, Chain chain, String address) {
        return WithdrawalRules.check(new BigDecimal(amount), chain, address, "key-1", LIMITS);
    }

    @Test
    void anEthereumAddressIsStoredInItsEip55SpellingWhateverCaseItCameIn() {
        assertThat(check("1", Chain.ETHEREUM, ETH.toLowerCase()))
                .isInstanceOfSatisfying(
                        WithdrawalRules.Valid.class,
                        valid -> assertThat(valid.address()).isEqualTo(ETH));
        assertThat(check("1", Chain.ETHEREUM, " " + ETH.toUpperCase().replace("0X", "0x") + " "))
                .isInstanceOfSatisfying(
                        WithdrawalRules.Valid.class,
                        valid -> assertThat(valid.address()).isEqualTo(ETH));
    }

    @Test
    void theSameRequestHasTheSameFingerprintAndAnotherAmountAnother() {
        var a = (WithdrawalRules.Valid) check("10", Chain.ETHEREUM, ETH);
        var b = (WithdrawalRules.Valid) check("10.00", Chain.ETHEREUM, ETH.toLowerCase());
        var c = (WithdrawalRules.Valid) check("10.01", Chain.ETHEREUM, ETH);
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(a.amountUsd()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void eachRuleHasItsCode() {
        assertThat(code("0.001", Chain.ETHEREUM, ETH)).isEqualTo("INVALID_AMOUNT");
        assertThat(code("500.01", Chain.ETHEREUM, ETH)).isEqualTo("WITHDRAWAL_LIMIT_EXCEEDED");
        assertThat(code("500", Chain.ETHEREUM, ETH)).isNull();
        assertThat(code("1", Chain.ETHEREUM, ETH.replace('a', 'A'))).isEqualTo("INVALID_ADDRESS_CHECKSUM");
        assertThat(code("1", Chain.SOLANA, ETH)).isEqualTo("ADDRESS_CHAIN_MISMATCH");
        assertThat(code("1", Chain.SOLANA, "0OIl")).isEqualTo("INVALID_ADDRESS");
        assertThat(WithdrawalRules.check(BigDecimal.ONE, Chain.ETHEREUM, ETH, "spaces are not keys", LIMITS))
                .isInstanceOfSatisfying(
                        WithdrawalRules.Refused.class,
                        r -> assertThat(r.field()).isEqualTo("idempotencyKey"));
    }

    static String code(String amount, Chain chain, String address) {
        return check(amount, chain, address) instanceof WithdrawalRules.Refused refused ? refused.code() : null;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"5/1m, 5, 60", "20/1h, 20, 3600", " 3/30s , 3, 30"})
    void theWithdrawalRateLimitReadsCountSlashWindow(String text, int count, long seconds) {
        PerWindowLimit limit = PerWindowLimit.parse(text);
        assertThat(limit).isEqualTo(new PerWindowLimit(count, java.time.Duration.ofSeconds(seconds)));
        assertThat(limit.allowsAnother(count - 1)).isTrue();
        assertThat(limit.allowsAnother(count)).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"", "5", "5/", "0/1m", "5/0m", "5/1d", "-1/1m", "1e9/1m", "99999999/1m"})
    void aWithdrawalRateLimitThatDoesNotReadRefusesToStart(String text) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PerWindowLimit.parse(text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "1E+1000000, WITHDRAWAL_LIMIT_EXCEEDED",
        "1E+2147483647, WITHDRAWAL_LIMIT_EXCEEDED",
        "1E-1000000, INVALID_AMOUNT",
        "1.0E-2147483646, INVALID_AMOUNT",
        "-1E+1000000, INVALID_AMOUNT"
    })
    void anAmountWithAHugeExponentIsRefusedWithoutBeingExpanded(String amount, String code) {
        long started = System.nanoTime();
        WithdrawalRules.Checked checked =
                WithdrawalRules.check(new BigDecimal(amount), Chain.ETHEREUM, ETH, "k", LIMITS);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofMillis(100));
        assertThat(checked)
                .isInstanceOfSatisfying(
                        WithdrawalRules.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(code));
    }
}
