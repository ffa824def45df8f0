package com.stack.aicfo.facts.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import com.stack.aicfo.facts.app.ports.Facts;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots;
import com.stack.aicfo.facts.domain.PeriodTotals;
import com.stack.aicfo.facts.domain.PortfolioFacts;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.facts.domain.Usd;
import com.stack.aicfo.facts.domain.Weeks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The facts of a user's period: the money that moved within its days in the user's time zone (aicfo's read model),
 * the buying power at its end, and the portfolio as investing values it now ({@link PortfolioSnapshots}), with when
 * that was (a weekly summary is written after its week, so its portfolio is dated); when investing cannot be asked
 * the facts have no portfolio and the summary leaves it out.
 */
@Service
public class FactsCollector {

    private static final Logger log = LoggerFactory.getLogger(FactsCollector.class);

    private final Facts facts;
    private final PortfolioSnapshots portfolios;

    public FactsCollector(Facts facts, PortfolioSnapshots portfolios) {
        this.facts = facts;
        this.portfolios = portfolios;
    }

    /** The user's time zone (UTC unless one is known). */
    public Mono<ZoneId> zoneOf(UUID userId) {
        return facts.timeZone(userId).map(Weeks::zoneOrUtc);
    }

    /** The facts of the days {@code periodStart} to {@code periodEnd} (inclusive) in the user's zone, taken now. */
    public Mono<SummaryFacts> collect(UUID userId, SummaryFacts.Kind kind, LocalDate periodStart, LocalDate periodEnd) {
        Instant asOf = Instant.now();
        return zoneOf(userId).flatMap(zone -> {
            Weeks.Period period = Weeks.period(periodStart, periodEnd, zone);
            Instant until = period.until().isAfter(asOf) ? asOf : period.until();
            Mono<PeriodTotals> totals =
                    facts.movements(userId, period.from(), until).collectList().map(PeriodTotals::of);
            Mono<BigDecimal> buyingPower =
                    facts.buyingPowerBefore(userId, until).map(Usd::buyingPower).defaultIfEmpty(Usd.ZERO);
            Mono<Portfolio> portfolio = portfolio(userId, zone);
            return Mono.zip(totals, buyingPower, portfolio)
                    .map(t -> new SummaryFacts(
                            SummaryFacts.CURRENT_VERSION,
                            userId,
                            kind,
                            periodStart,
                            periodEnd,
                            t.getT1().deposits(),
                            t.getT1().withdrawals(),
                            t.getT1().ordersFilled(),
                            t.getT1().boughtUsd(),
                            t.getT1().soldUsd(),
                            t.getT2(),
                            t.getT3().value(),
                            asOf));
        });
    }

    /**
     * The portfolio as investing values it now (at its snapshot's time, else when it was read), or none (a null
     * value) when investing could not be asked.
     */
    private Mono<Portfolio> portfolio(UUID userId, ZoneId zone) {
        return Mono.defer(() -> portfolios.of(userId))
                .map(snapshot -> {
                    Instant valuedAt = snapshot.asOf() == null ? Instant.now() : snapshot.asOf();
                    return new Portfolio(PortfolioFacts.of(
                                    snapshot.totalValueUsd(),
                                    snapshot.cashUsd(),
                                    snapshot.dayChangeUsd(),
                                    snapshot.positions().stream()
                                            .map(p -> new PortfolioFacts.PositionValue(
                                                    p.symbol(),
                                                    p.assetType(),
                                                    p.quantity(),
                                                    p.marketValueUsd(),
                                                    p.unrealizedPnlUsd()))
                                            .toList())
                            .valued(valuedAt, valuedAt.atZone(zone).toLocalDate()));
                })
                .defaultIfEmpty(new Portfolio(null))
                .onErrorResume(e -> {
                    log.warn(
                            "The portfolio of user {} could not be read; the summary leaves it out: {}",
                            userId,
                            e.toString());
                    return Mono.just(new Portfolio(null));
                });
    }

    private record Portfolio(SummaryFacts.Portfolio value) {}
}
