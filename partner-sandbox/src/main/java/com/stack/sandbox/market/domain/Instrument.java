package com.stack.sandbox.market.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an order or a quote names: an equity ({@code AAPL}) or an OCC option contract ({@code AAPL250620C00190000}). */
public sealed interface Instrument permits Instrument.Equity, Instrument.OptionContract {

    Pattern EQUITY = Pattern.compile("^[A-Z]{1,5}$");
    Pattern OCC = Pattern.compile("^([A-Z]{1,5})(\\d{6})([CP])(\\d{8})$");

    String symbol();

    AssetClass assetClass();

    /** Shares per unit of quantity: 1 for equities, 100 for options. */
    default BigDecimal multiplier() {
        return assetClass().multiplier();
    }

    /** The instrument {@code symbol} names; empty when it is neither an equity symbol nor an OCC symbol with a real date. */
    static Optional<Instrument> parse(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        if (EQUITY.matcher(symbol).matches()) {
            return Optional.of(new Equity(symbol));
        }
        Matcher occ = OCC.matcher(symbol);
        if (!occ.matches()) {
            return Optional.empty();
        }
        String date = occ.group(2);
        LocalDate expiry;
        try {
            expiry = LocalDate.of(
                    2000 + Integer.parseInt(date.substring(0, 2)),
                    Integer.parseInt(date.substring(2, 4)),
                    Integer.parseInt(date.substring(4, 6)));
        } catch (java.time.DateTimeException notADate) {
            return Optional.empty();
        }
        BigDecimal strike = new BigDecimal(occ.group(4)).movePointLeft(3);
        return Optional.of(
                new OptionContract(symbol, occ.group(1), expiry, occ.group(3).charAt(0) == 'C', strike));
    }

    record Equity(String symbol) implements Instrument {

        @Override
        public AssetClass assetClass() {
            return AssetClass.EQUITY;
        }
    }

    /**
     * @param root   the underlying's symbol
     * @param call   a call ({@code C}) or a put ({@code P})
     * @param strike the strike in USD (the OCC symbol's 8 digits / 1000)
     */
    record OptionContract(String symbol, String root, LocalDate expiry, boolean call, BigDecimal strike)
            implements Instrument {

        @Override
        public AssetClass assetClass() {
            return AssetClass.OPTION;
        }

        /** Whether the contract can no longer trade on {@code today} (the exchange's date): it expired before it. */
        public boolean expiredOn(LocalDate today) {
            return expiry.isBefore(today);
        }
    }
}
