package com.stack.aicfo.facts.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Everything a summary may state about one user's money over one period, and nothing else: the summary's every figure
 * must be one of these (checked before a summary is stored). Typed and versioned ({@link #CURRENT_VERSION}); stored as
 * JSON beside the summary it was written from. No personal data: no name, email, address or wallet address.
 *
 * @param version          the record's schema version
 * @param kind             a weekly summary or an on-demand analysis
 * @param periodStart      the first day of the period (a weekly summary: the ISO week's Monday, in the user's zone)
 * @param periodEnd        the last day of the period, inclusive (the Sunday; for an analysis, today)
 * @param deposits         deposits credited as buying power within the period
 * @param withdrawals      withdrawals completed within the period
 * @param ordersFilled     orders that ended FILLED within the period (a basket counts once)
 * @param boughtUsd        notional filled by buy orders that ended within the period, USD
 * @param soldUsd          notional filled by sell orders that ended within the period, USD
 * @param buyingPowerUsd   the buying power at the period's end (the latest funding announced up to then)
 * @param portfolio        the portfolio as investing valued it when the facts were taken (not at the period's end: a
 *                         weekly summary states the date it is as of), null if it could not be read
 * @param asOf             when the facts were taken
 */
public record SummaryFacts(
        int version,
        UUID userId,
        Kind kind,
        LocalDate periodStart,
        LocalDate periodEnd,
        Flows deposits,
        Flows withdrawals,
        int ordersFilled,
        BigDecimal boughtUsd,
        BigDecimal soldUsd,
        BigDecimal buyingPowerUsd,
        Portfolio portfolio,
        Instant asOf) {

    /** 2: the portfolio carries when it was valued ({@link Portfolio#valuedAt}, {@link Portfolio#valuedOn}). */
    public static final int CURRENT_VERSION = 2;

    public enum Kind {
        WEEKLY,
        ON_DEMAND
    }

    /** A count and a total, USD with 2 decimals. */
    public record Flows(int count, BigDecimal totalUsd) {}

    /**
     * The portfolio's value, USD with 2 decimals.
     *
     * @param holdings  the positions, largest market value first
     * @param valuedAt  when investing valued it (null in facts of version 1)
     * @param valuedOn  that day in the user's time zone, as a summary states it ("Portfolio as of 2026-12-07")
     */
    public record Portfolio(
            BigDecimal totalValueUsd,
            BigDecimal cashUsd,
            BigDecimal investedUsd,
            BigDecimal unrealizedPnlUsd,
            BigDecimal dayChangeUsd,
            List<Holding> holdings,
            Instant valuedAt,
            LocalDate valuedOn) {

        /** This portfolio as valued at {@code at}, on {@code on} in the user's zone. */
        public Portfolio valued(Instant at, LocalDate on) {
            return new Portfolio(totalValueUsd, cashUsd, investedUsd, unrealizedPnlUsd, dayChangeUsd, holdings, at, on);
        }
    }

    /**
     * One position.
     *
     * @param weightPercent its market value's share of what is invested, percent with 1 decimal
     */
    public record Holding(
            String symbol,
            String assetType,
            BigDecimal quantity,
            BigDecimal marketValueUsd,
            BigDecimal unrealizedPnlUsd,
            BigDecimal weightPercent) {}
}
