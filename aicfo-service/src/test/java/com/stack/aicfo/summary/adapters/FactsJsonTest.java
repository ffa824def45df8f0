package com.stack.aicfo.summary.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.stack.aicfo.analyst.app.Facts;
import com.stack.aicfo.facts.domain.SummaryFacts;
import org.junit.jupiter.api.Test;

/** The facts stored beside a summary: written and read back whole; an earlier version still reads. */
class FactsJsonTest {

    @Test
    void theFactsReadBackAsWritten() {
        SummaryFacts facts = Facts.week();
        assertThat(FactsJson.read(FactsJson.write(facts))).isEqualTo(facts);
        assertThat(FactsJson.write(facts)).contains("\"version\":2", "\"valuedOn\":\"2026-12-07\"");
    }

    @Test
    void factsOfVersionOneReadWithoutThePortfoliosDate() {
        String v1 = FactsJson.write(Facts.week())
                .replace("\"version\":2", "\"version\":1")
                .replaceAll(",\"valuedAt\":\"[^\"]+\",\"valuedOn\":\"[^\"]+\"", "");
        assertThat(v1).doesNotContain("valued");

        SummaryFacts read = FactsJson.read(v1);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.portfolio().valuedOn()).isNull();
        assertThat(read.portfolio().totalValueUsd()).isEqualByComparingTo("1884.65");
        assertThat(read.periodStart()).isEqualTo(LocalDate.parse("2026-11-30"));
    }
}
