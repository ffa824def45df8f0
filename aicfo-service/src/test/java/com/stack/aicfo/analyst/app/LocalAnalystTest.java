package com.stack.aicfo.analyst.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;

import com.stack.aicfo.facts.domain.SummaryFacts;
import org.junit.jupiter.api.Test;

/** The local analyst: every figure of the facts as it is, always accepted by the figure check. */
class LocalAnalystTest {

    private final LocalAnalyst analyst = new LocalAnalyst();

    @Test
    void aWeekReadsAsHeadingSentenceAndFigures() {
        String markdown = analyst.write(Facts.week(), 1).block();
        assertThat(markdown).startsWith("## Your week, 2026-11-30 to 2026-12-06\n\nHere is how your money moved");
        assertThat(markdown)
                .contains(
                        "- Deposits: 2, totalling $1,500.00\n",
                        "- Withdrawals: 1, totalling $100.00\n",
                        "- Orders filled: 3\n",
                        "- Bought: $1,250.00\n",
                        "- Sold: $80.40\n",
                        "- Buying power: $230.40\n",
                        "### Portfolio as of 2026-12-07\n\n- Portfolio value: $1,884.65\n",
                        "- Invested: $1,654.25\n",
                        "- Unrealized gain or loss: $25.35\n",
                        "- Day change: -$12.80\n",
                        "### Largest holdings",
                        "- AAPL: $1,012.50 (61.2% of invested)\n",
                        "- AAPL250117C00150000: $420.00 (25.4% of invested)\n");
        assertThat(FigureCheck.of(Facts.week()).check(markdown).accepted()).isTrue();
        assertThat(PhoneSafeMarkdown.of(markdown)).isEqualTo(markdown);
    }

    @Test
    void anAnalysisHasItsOwnHeadingAndThePeriodInTheList() {
        SummaryFacts week = Facts.week();
        SummaryFacts now = new SummaryFacts(
                week.version(),
                week.userId(),
                SummaryFacts.Kind.ON_DEMAND,
                week.periodStart(),
                week.periodStart().plusDays(2),
                week.deposits(),
                week.withdrawals(),
                0,
                week.boughtUsd(),
                week.soldUsd(),
                week.buyingPowerUsd(),
                null,
                week.asOf());
        String markdown = analyst.markdown(now);
        assertThat(markdown)
                .startsWith("## Your portfolio today\n\n")
                .contains("- Period: 2026-11-30 to 2026-12-02")
                .contains("could not be read")
                .doesNotContain("Portfolio value");
        assertThat(FigureCheck.of(now).check(markdown).accepted()).isTrue();
    }

    @Test
    void amountsKeepEveryDecimalAndGroupThousands() {
        assertThat(LocalAnalyst.money(new BigDecimal("1234567.5"))).isEqualTo("$1,234,567.50");
        assertThat(LocalAnalyst.money(new BigDecimal("0"))).isEqualTo("$0.00");
        assertThat(LocalAnalyst.money(new BigDecimal("-0.125"))).isEqualTo("-$0.125");
        assertThat(LocalAnalyst.money(new BigDecimal("1E+3"))).isEqualTo("$1,000.00");
    }

    @Test
    void atMostFiveHoldingsAreListed() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            SummaryFacts facts = Facts.random(random);
            long listed = analyst.markdown(facts)
                    .lines()
                    .filter(line -> line.contains("% of invested)"))
                    .count();
            int holdings =
                    facts.portfolio() == null ? 0 : facts.portfolio().holdings().size();
            assertThat(listed).isEqualTo(Math.min(LocalAnalyst.MAX_HOLDINGS, holdings));
        }
    }

    @Test
    void alwaysPassesTheFigureCheckOnManyGeneratedFacts() {
        Random random = new Random(20261207L);
        for (int i = 0; i < 5_000; i++) {
            SummaryFacts facts = Facts.random(random);
            String markdown = PhoneSafeMarkdown.of(analyst.markdown(facts));
            FigureCheck.Result result = FigureCheck.of(facts).check(markdown);
            assertThat(result.accepted())
                    .as("facts %s wrote\n%s\nrefused %s", facts, markdown, result.offending())
                    .isTrue();
            assertThat(result.figures()).isGreaterThanOrEqualTo(8);
            assertThat(markdown.length()).isLessThanOrEqualTo(PhoneSafeMarkdown.MAX_LENGTH);
        }
    }

    @Test
    void theSameFactsGiveTheSameMarkdown() {
        assertThat(analyst.markdown(Facts.week())).isEqualTo(analyst.markdown(Facts.week()));
    }
}
