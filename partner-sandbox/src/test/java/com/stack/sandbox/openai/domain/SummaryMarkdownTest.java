package com.stack.sandbox.openai.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

class SummaryMarkdownTest {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static final String FACTS = """
            {"version": 1, "userId": "0190f3c2-0000-7000-8000-000000000001", "kind": "WEEKLY",
             "periodStart": "2025-06-02", "periodEnd": "2025-06-08",
             "deposits": {"count": 2, "totalUsd": 1234.50}, "withdrawals": {"count": 1, "totalUsd": "200.00"},
             "ordersFilled": 3, "boughtUsd": 1000.00, "soldUsd": 0.00, "buyingPowerUsd": 235.50,
             "portfolio": {"totalValueUsd": 1010.25, "cashUsd": 235.50, "investedUsd": 774.75,
               "unrealizedPnlUsd": -4.25, "dayChangeUsd": 1.10,
               "holdings": [{"symbol": "AAPL", "assetType": "EQUITY", "quantity": 2.5, "marketValueUsd": 500.00,
                             "unrealizedPnlUsd": -2.00, "weightPercent": 64.5},
                            {"symbol": "MSFT", "market_value_usd": 274.75, "weight_percent": 35.5}]},
             "asOf": "2025-06-08T22:00:00Z"}
            """;

    @Test
    void everyFigureIsWrittenExactlyAsTheFactsStateIt() {
        String markdown = SummaryMarkdown.write(PromptFacts.read(JSON.readTree(FACTS)), AnswerMode.NORMAL);

        assertThat(markdown)
                .startsWith("## Your week in review\n\n")
                .contains(
                        "- Deposits: 2, totalling $1234.50\n",
                        "- Withdrawals: 1, totalling $200.00\n",
                        "- Orders filled: 3\n",
                        "- Bought: $1000.00\n",
                        "- Sold: $0.00\n",
                        "- Buying power: $235.50\n",
                        "- Portfolio total: $1010.25\n",
                        "- AAPL: $500.00, 64.5% of what is invested\n",
                        "- MSFT: $274.75, 35.5% of what is invested\n");
    }

    @Test
    void wrongNumbersChangesOneAmountToAValueTheFactsDoNotHold() {
        // the first amount plus 1.00 is the buying power: it must go one step further
        String facts = """
                {"kind": "ON_DEMAND", "deposits": {"count": 1, "totalUsd": 99.00}, "buyingPowerUsd": 100.00}
                """;
        String markdown = SummaryMarkdown.write(PromptFacts.read(JSON.readTree(facts)), AnswerMode.WRONG_NUMBERS);

        assertThat(markdown)
                .startsWith("## Your portfolio analysis")
                .contains("- Deposits: 1, totalling $101.00\n", "- Buying power: $100.00\n");
    }

    @Test
    void noFiguresHasNoDigitAtAll() {
        String markdown = SummaryMarkdown.write(PromptFacts.read(JSON.readTree(FACTS)), AnswerMode.NO_FIGURES);

        assertThat(markdown).startsWith("## ").doesNotContainPattern("[0-9]");
    }

    @Test
    void missingAndUnreadableFiguresAreLeftOut() {
        String facts = """
                {"deposits": {"count": "two"}, "withdrawals": null, "ordersFilled": 0, "portfolio": null,
                 "boughtUsd": "12.30"}
                """;
        String markdown = SummaryMarkdown.write(PromptFacts.read(JSON.readTree(facts)), AnswerMode.NORMAL);

        assertThat(markdown).endsWith("\n- Orders filled: 0\n- Bought: $12.30\n");
        assertThat(numbers(markdown)).containsExactly("0", "12.30");
    }

    @Test
    void piecesPutTheAnswerBackTogether() {
        String markdown = SummaryMarkdown.write(PromptFacts.read(JSON.readTree(FACTS)), AnswerMode.NORMAL);

        List<String> pieces = SummaryMarkdown.pieces(markdown);

        assertThat(pieces)
                .hasSizeGreaterThan(10)
                .allSatisfy(piece -> assertThat(piece.length()).isBetween(1, 4));
        assertThat(String.join("", pieces)).isEqualTo(markdown);
    }

    @Test
    void theFactsBlockIsFoundInTheLatestUserTextThatHasOne() {
        assertThat(FactsBlock.in(List.of("no block", "Facts:\n```json\n{\"a\": 1}\n```\nThanks")))
                .contains("{\"a\": 1}\n");
        assertThat(FactsBlock.in(List.of("```\n{\"a\": 1}\n```"))).isEmpty();
    }

    @Test
    void knownValuesIgnoreTheScale() {
        assertThat(PromptFacts.read(JSON.readTree("{\"a\": 1.50, \"b\": \"2\"}"))
                        .knownValues())
                .contains(new BigDecimal("1.5"), new BigDecimal("2"));
    }

    private static List<String> numbers(String text) {
        Matcher matcher = Pattern.compile("\\d+(\\.\\d+)?").matcher(text);
        return matcher.results().map(result -> result.group()).toList();
    }
}
