package com.stack.aicfo.analyst.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.stack.aicfo.facts.domain.SummaryFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every figure of a summary checked against its facts: what is stated as it is passes, anything else is refused. */
class FigureCheckTest {

    private final SummaryFacts facts = Facts.week();
    private final FigureCheck check = FigureCheck.of(facts);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "You made 2 deposits totalling $1,500.00.",
                "You made 2 deposits totalling $1500.",
                "Deposits: 1500.00 USD; withdrawals: 100 USD.",
                "Deposits: $1,500.00, withdrawals $100.00, 3 orders filled, bought $1,250.00 and sold $80.40.",
                "Bought 1250.00 and sold 80.4 this week.",
                "Your week, 2026-11-30 to 2026-12-06.",
                "AAPL is 61.2% of what you invested, worth $1,012.50; VTI 13.40%.",
                "Day change: -$12.80. Down $12.80 today. Also written $-12.80.",
                "Unrealized gain: +$25.35 on 3 holdings.",
                "You hold 4.5 shares of AAPL and 1 AAPL250117C00150000 worth $420.00.",
                "## Your week\n\n1. Deposits: 2\n2. Withdrawals: 1\n10. Orders filled: 3\n",
                "Nothing to report in numbers this week."
            })
    void figuresStatedAsTheFactsArePass(String markdown) {
        assertThat(check.check(markdown).accepted()).as(markdown).isTrue();
    }

    @Test
    void anAlteredAmountIsRefusedNamingIt() {
        FigureCheck.Result result = check.check("Deposits: 2, totalling $1,501.00.");
        assertThat(result.accepted()).isFalse();
        assertThat(result.offending()).isEqualTo("$1,501.00");
    }

    @Test
    void aRoundedAmountIsRefused() {
        assertThat(check.check("You bought $1,250 and sold $80.").offending()).isEqualTo("$80");
        assertThat(check.check("Your portfolio is worth about $1,885.").offending())
                .isEqualTo("$1,885");
    }

    @Test
    void anInventedPercentageIsRefused() {
        assertThat(check.check("AAPL is 61.2% of it, up 4.2% this week.").offending())
                .isEqualTo("4.2%");
        // a weight written as an amount, or a count as a percentage, is not the fact either
        assertThat(check.check("AAPL: $61.20").accepted()).isFalse();
        assertThat(check.check("3% of your orders").accepted()).isFalse();
    }

    @Test
    void anInventedCountIsRefused() {
        assertThat(check.check("You made 4 deposits.").offending()).isEqualTo("4");
        assertThat(check.check("You filled 12 orders.").offending()).isEqualTo("12");
    }

    @Test
    void aDateOutsideThePeriodIsRefused() {
        assertThat(check.check("Your week, 2026-12-01 to 2026-12-06.").offending())
                .isEqualTo("2026-12-01");
        assertThat(check.check("From 2026-30-11.").accepted()).isFalse();
    }

    @Test
    void theDayThePortfolioWasValuedIsADateOfTheFacts() {
        assertThat(check.check("### Portfolio as of 2026-12-07").accepted()).isTrue();
        assertThat(check.check("### Portfolio as of 2026-12-08").offending()).isEqualTo("2026-12-08");
    }

    @Test
    void aYearOrAnotherWayOfWritingADateIsRefused() {
        assertThat(check.check("Your 2026 so far.").offending()).isEqualTo("2026");
        assertThat(check.check("The week of Nov 30.").offending()).isEqualTo("30");
    }

    @Test
    void aMoneyFigureMustBeAnAmountNotACount() {
        assertThat(check.check("You made 2 deposits of $2.").offending()).isEqualTo("$2");
    }

    @Test
    void thousandsSeparatorsAreReadAsOneNumberAndMustBeWellPlaced() {
        assertThat(check.check("Bought $1,250.00").accepted()).isTrue();
        assertThat(check.check("Bought 1,250.00 USD").accepted()).isTrue();
        // "12,50" is no thousands group: read as 12 and 50, neither a fact
        assertThat(check.check("Sold $12,50").accepted()).isFalse();
        assertThat(check.check("Bought $1,2500.00").accepted()).isFalse();
    }

    @Test
    void aSignMustMatchTheFact() {
        // day change is -12.80: a plus sign turns a loss into a gain
        assertThat(check.check("Day change: +$12.80").accepted()).isFalse();
        // bought is 1250.00: a minus sign is a different figure
        assertThat(check.check("Bought -$1,250.00").accepted()).isFalse();
    }

    @Test
    void anOptionSymbolsDigitsAreNoFigureButDigitsNextToOtherWordsAre() {
        assertThat(check.check("AAPL250117C00150000: $420.00").accepted()).isTrue();
        assertThat(check.check("Week W49 went well").offending()).isEqualTo("49");
    }

    @Test
    void theUsersIdIsNoFigure() {
        assertThat(check.check("User " + facts.userId()).accepted()).isFalse();
    }

    @Test
    void withoutAPortfolioItsFiguresAreRefused() {
        SummaryFacts withoutPortfolio = new SummaryFacts(
                facts.version(),
                facts.userId(),
                facts.kind(),
                facts.periodStart(),
                facts.periodEnd(),
                facts.deposits(),
                facts.withdrawals(),
                facts.ordersFilled(),
                facts.boughtUsd(),
                facts.soldUsd(),
                facts.buyingPowerUsd(),
                null,
                facts.asOf());
        assertThat(FigureCheck.of(withoutPortfolio)
                        .check("Portfolio: $1,884.65")
                        .accepted())
                .isFalse();
        assertThat(FigureCheck.of(withoutPortfolio)
                        .check("Buying power: $230.40")
                        .accepted())
                .isTrue();
    }

    @Test
    void aCountEqualToAnAmountIsRefused() {
        // 5.00 is an amount of these facts, 5 no count: a plain integer is a count
        SummaryFacts fiveDollars = withBuyingPower(new java.math.BigDecimal("5.00"));
        assertThat(FigureCheck.of(fiveDollars).check("Buying power: $5.00").accepted())
                .isTrue();
        assertThat(FigureCheck.of(fiveDollars).check("You made 5 deposits.").offending())
                .isEqualTo("5");
        // 1250.00 (bought) is no count either, nor 4.5 (a quantity) an amount
        assertThat(check.check("You filled 1250 orders.").offending()).isEqualTo("1250");
        assertThat(check.check("Bought: 4.50").offending()).isEqualTo("4.50");
        assertThat(check.check("You hold 4.5 shares of AAPL.").accepted()).isTrue();
        assertThat(check.check("You hold 4.50 shares of AAPL.").accepted()).isTrue();
        assertThat(check.check("You hold 2 shares of AAPL.").offending()).isEqualTo("2");
    }

    @Test
    void aCountOfAnotherSubjectIsRefused() {
        // 2 is the deposits' count and 1 the withdrawals': facts, but not of orders
        assertThat(check.check("Orders filled: 2").offending()).isEqualTo("2");
        assertThat(check.check("- Withdrawals: 2, totalling $100.00").offending())
                .isEqualTo("2");
        assertThat(check.check("You made 1 deposit.").offending()).isEqualTo("1");
        assertThat(check.check("Orders filled: 3").accepted()).isTrue();
        // a line naming several subjects binds none of them: the figure need only be a count
        assertThat(check.check("2 deposits and 1 withdrawal.").accepted()).isTrue();
    }

    @Test
    void aSwappedTotalIsRefusedWhereTheLineSaysWhoseItIs() {
        assertThat(check.check("- Deposits: 2, totalling $100.00").offending()).isEqualTo("$100.00");
        assertThat(check.check("- Withdrawals: 1, totalling $1,500.00").offending())
                .isEqualTo("$1,500.00");
        assertThat(check.check("You withdrew $1,500.00 this week.").offending()).isEqualTo("$1,500.00");
        assertThat(check.check("Bought: $80.40\nSold: $1,250.00").offending()).isEqualTo("$80.40");
        assertThat(check.check("Buying power: $1,884.65").offending()).isEqualTo("$1,884.65");
        assertThat(check.check("Portfolio value: $230.40").offending()).isEqualTo("$230.40");
        // a holding's weight is its own: AAPL's is 61.2%, VTI's 13.4%
        assertThat(check.check("- VTI: $221.75 (61.2% of invested)").offending())
                .isEqualTo("61.2%");
        assertThat(check.check("- VTI: $221.75 (13.4% of invested)").accepted()).isTrue();
        // each sentence or list line has its own label
        assertThat(check.check("You deposited $1,500.00. You withdrew $100.00; you bought $1,250.00.")
                        .accepted())
                .isTrue();
    }

    @Test
    void numbersInWordsAreCountsCheckedLikeDigits() {
        assertThat(check.check("You made two deposits and one withdrawal; three orders filled.")
                        .accepted())
                .isTrue();
        assertThat(check.check("You made four deposits.").offending()).isEqualTo("four");
        assertThat(check.check("Three deposits this week.").offending()).isEqualTo("Three");
        assertThat(check.check("You made twelve trades.").offending()).isEqualTo("twelve");
        assertThat(check.check("Orders filled: Two").offending()).isEqualTo("Two");
        // a word that merely contains one is no number
        assertThat(check.check("Someone is often done.").accepted()).isTrue();
    }

    @Test
    void aPercentageInWordsIsAPercentage() {
        assertThat(check.check("AAPL is 61.2 percent of what you invested.").accepted())
                .isTrue();
        assertThat(check.check("AAPL is 61.3 percent of it.").offending()).isEqualTo("61.3 percent");
    }

    private SummaryFacts withBuyingPower(java.math.BigDecimal buyingPower) {
        return new SummaryFacts(
                facts.version(),
                facts.userId(),
                facts.kind(),
                facts.periodStart(),
                facts.periodEnd(),
                facts.deposits(),
                facts.withdrawals(),
                facts.ordersFilled(),
                facts.boughtUsd(),
                facts.soldUsd(),
                buyingPower,
                null,
                facts.asOf());
    }

    @Test
    void countsTheFiguresItChecked() {
        assertThat(check.check("2 deposits, $1,500.00, 2026-11-30, 61.2%").figures())
                .isEqualTo(4);
    }
}
