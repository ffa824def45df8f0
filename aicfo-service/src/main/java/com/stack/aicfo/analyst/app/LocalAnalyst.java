package com.stack.aicfo.analyst.app;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import com.stack.aicfo.analyst.app.ports.Analyst;
import com.stack.aicfo.facts.domain.SummaryFacts;
import reactor.core.publisher.Mono;

/**
 * The default analyst: the summary written from its facts with templates, no network, the same markdown for the same
 * facts. A heading, one or two plain sentences, then the figures as a list: amounts as {@code $1,234.50} (a negative
 * one {@code -$12.00}), weights as {@code 12.5%}, counts as integers, dates as {@code 2026-11-30}, the portfolio under
 * "Portfolio as of" the day it was valued; every one a fact
 * as it is, so that {@link FigureCheck} always accepts it (it is also the fallback when a model's answer is refused).
 */
public final class LocalAnalyst implements Analyst {

    public static final String NAME = "local";

    /** Holdings listed at most; the rest are left out (their figures are true, a phone screen is short). */
    static final int MAX_HOLDINGS = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Mono<String> write(SummaryFacts facts, int attempt) {
        return Mono.fromSupplier(() -> markdown(facts));
    }

    /** The summary's markdown. */
    public String markdown(SummaryFacts facts) {
        StringBuilder text = new StringBuilder();
        boolean weekly = facts.kind() == SummaryFacts.Kind.WEEKLY;
        if (weekly) {
            text.append("## Your week, ")
                    .append(facts.periodStart())
                    .append(" to ")
                    .append(facts.periodEnd())
                    .append("\n\n");
        } else {
            text.append("## Your portfolio today\n\n");
        }
        text.append(sentences(facts, weekly)).append("\n\n");
        if (weekly) {
            flows(text, "Deposits", facts.deposits());
            flows(text, "Withdrawals", facts.withdrawals());
        } else {
            text.append("- Period: ")
                    .append(facts.periodStart())
                    .append(" to ")
                    .append(facts.periodEnd())
                    .append('\n');
            flows(text, "Deposits this week", facts.deposits());
            flows(text, "Withdrawals this week", facts.withdrawals());
        }
        text.append("- Orders filled: ").append(facts.ordersFilled()).append('\n');
        item(text, "Bought", facts.boughtUsd());
        item(text, "Sold", facts.soldUsd());
        item(text, "Buying power", facts.buyingPowerUsd());
        SummaryFacts.Portfolio portfolio = facts.portfolio();
        if (portfolio != null) {
            if (portfolio.valuedOn() != null) {
                // the portfolio is valued when the summary is written, after a weekly summary's week: say when
                text.append("\n### Portfolio as of ")
                        .append(portfolio.valuedOn())
                        .append("\n\n");
            }
            item(text, "Portfolio value", portfolio.totalValueUsd());
            item(text, "Invested", portfolio.investedUsd());
            item(text, "Unrealized gain or loss", portfolio.unrealizedPnlUsd());
            item(text, "Day change", portfolio.dayChangeUsd());
            List<SummaryFacts.Holding> holdings = portfolio.holdings() == null ? List.of() : portfolio.holdings();
            if (!holdings.isEmpty()) {
                text.append("\n### Largest holdings\n\n");
                for (SummaryFacts.Holding holding : holdings.subList(0, Math.min(MAX_HOLDINGS, holdings.size()))) {
                    text.append("- ").append(holding.symbol());
                    if (holding.marketValueUsd() != null) {
                        text.append(": ").append(money(holding.marketValueUsd()));
                    }
                    if (holding.weightPercent() != null) {
                        text.append(" (").append(plain(holding.weightPercent())).append("% of invested)");
                    }
                    text.append('\n');
                }
            }
        }
        return text.toString().stripTrailing() + "\n";
    }

    private static String sentences(SummaryFacts facts, boolean weekly) {
        boolean moved = count(facts.deposits()) > 0 || count(facts.withdrawals()) > 0 || facts.ordersFilled() > 0;
        String first = weekly
                ? (moved
                        ? "Here is how your money moved this week."
                        : "A quiet week: no money moved and no orders filled.")
                : "Here is where your money stands now.";
        String second = facts.portfolio() == null
                ? " Your portfolio's value could not be read this time, so it is left out."
                : "";
        return first + second;
    }

    private static int count(SummaryFacts.Flows flows) {
        return flows == null ? 0 : flows.count();
    }

    private static void flows(StringBuilder text, String label, SummaryFacts.Flows flows) {
        if (flows == null) {
            return;
        }
        text.append("- ").append(label).append(": ").append(flows.count());
        if (flows.totalUsd() != null) {
            text.append(", totalling ").append(money(flows.totalUsd()));
        }
        text.append('\n');
    }

    private static void item(StringBuilder text, String label, BigDecimal amount) {
        if (amount != null) {
            text.append("- ").append(label).append(": ").append(money(amount)).append('\n');
        }
    }

    /** {@code $1,234.50}: at least 2 decimals, and all the fact has (never rounded). */
    static String money(BigDecimal amount) {
        int decimals = Math.max(2, Math.max(0, amount.stripTrailingZeros().scale()));
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        String digits = format.format(amount.abs());
        return (amount.signum() < 0 ? "-$" : "$") + digits;
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
