package com.stack.investing.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    static OrderRules.Input symbol(String symbol, String amount) {
        return new OrderRules.Input(null, symbol, null, OrderSide.BUY, new BigDecimal(amount), "k");
    }

    static OrderRules.Input option(OrderSide side, String amount, String expiration, String strike, int contracts) {
        return new OrderRules.Input(
                null,
                null,
                new OrderRules.OptionInput("AAPL", expiration, new BigDecimal(strike), OptionType.CALL, contracts),
                side,
                new BigDecimal(amount),
                "k");
    }

    static void refused(OrderRules.Input input, String field) {
        assertThatThrownBy(() -> OrderRules.check(input, TODAY))
                .isInstanceOfSatisfying(
                        InvalidOrderException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aSymbolIsAnEtfWhenKnownAsOneElseAStock() {
        assertThat(OrderRules.check(symbol("VOO", "10"), TODAY).assetType()).isEqualTo(AssetType.ETF);
        assertThat(OrderRules.check(symbol("AAPL", "10"), TODAY).assetType()).isEqualTo(AssetType.STOCK);
        assertThat(OrderRules.check(symbol("AAPL", "10"), TODAY).amountUsd().toPlainString())
                .isEqualTo("10.00");
    }

    @ParameterizedTest
    @CsvSource({
        "aapl,10,symbol",
        "TOOLONG,10,symbol",
        "AAPL,0.99,amountUsd",
        "AAPL,100000.01,amountUsd",
        "AAPL,10.001,amountUsd",
        "AAPL,-5,amountUsd"
    })
    void badSymbolsAndAmountsAreRefused(String symbol, String amount, String field) {
        refused(symbol(symbol, amount), field);
    }

    @Test
    void exactlyOneInstrumentIsNeeded() {
        refused(new OrderRules.Input(UUID.randomUUID(), "AAPL", null, OrderSide.BUY, BigDecimal.TEN, "k"), "basketId");
        refused(new OrderRules.Input(null, null, null, OrderSide.BUY, BigDecimal.TEN, "k"), "option");
    }

    @Test
    void theSameRequestHasTheSameFingerprintAndAnotherOneNot() {
        String tenDollars = OrderRules.check(symbol("AAPL", "10"), TODAY).fingerprint();
        assertThat(OrderRules.check(symbol("AAPL", "10.00"), TODAY).fingerprint())
                .isEqualTo(tenDollars);
        assertThat(OrderRules.check(symbol("AAPL", "10.01"), TODAY).fingerprint())
                .isNotEqualTo(tenDollars);
        assertThat(OrderRules.check(symbol("MSFT", "10"), TODAY).fingerprint()).isNotEqualTo(tenDollars);
    }

    @Test
    void anOptionHasItsOccSymbolAndALimitPriceRoundedAgainstTheUser() {
        OrderRules.Valid buy = OrderRules.check(option(OrderSide.BUY, "1000.00", "2027-01-15", "200", 3), TODAY);
        assertThat(buy.instrument()).isEqualTo("AAPL270115C00200000");
        // 1000 / 300 = 3.3333.. -> 3.33 (never more than the amount for all contracts)
        assertThat(buy.limitPrice()).isEqualByComparingTo("3.33");
        OrderRules.Valid sell = OrderRules.check(option(OrderSide.SELL, "1000.00", "2027-01-15", "200", 3), TODAY);
        assertThat(sell.limitPrice()).isEqualByComparingTo("3.34");
        assertThat(new OptionContract("SPY", LocalDate.of(2026, 12, 18), new BigDecimal("412.5"), OptionType.PUT, 1)
                        .occSymbol())
                .isEqualTo("SPY261218P00412500");
        assertThat(new OptionContract("F", LocalDate.of(2026, 4, 17), new BigDecimal("12.125"), OptionType.CALL, 1)
                        .occSymbol())
                .isEqualTo("F260417C00012125");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-02,200,1,option.expiration",
        "2029-03-03,200,1,option.expiration",
        "2026-13-01,200,1,option.expiration",
        "2027-01-15,0,1,option.strike",
        "2027-01-15,10.0001,1,option.strike",
        "2027-01-15,200,0,option.contracts",
        "2027-01-15,200,101,option.contracts"
    })
    void badOptionsAreRefused(String expiration, String strike, int contracts, String field) {
        refused(option(OrderSide.BUY, "500", expiration, strike, contracts), field);
    }

    @Test
    void anOptionAmountTooSmallForACentPerShareIsRefused() {
        // 1.00 for 2 contracts (200 shares) is 0.005 per share
        refused(option(OrderSide.BUY, "1.00", "2027-01-15", "200", 2), "amountUsd");
        assertThat(OrderRules.check(option(OrderSide.BUY, "1.00", "2027-01-15", "200", 1), TODAY)
                        .limitPrice())
                .isEqualByComparingTo("0.01");
    }
}
