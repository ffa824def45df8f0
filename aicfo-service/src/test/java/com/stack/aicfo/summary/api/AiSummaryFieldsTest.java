package com.stack.aicfo.summary.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.summary.domain.AiSummary;
import org.junit.jupiter.api.Test;

class AiSummaryFieldsTest {

    @Test
    void weekStartDateIsAnIsoDate() {
        AiSummary summary = new AiSummary(
                UUID.randomUUID(),
                UUID.randomUUID(),
                SummaryFacts.Kind.WEEKLY,
                LocalDate.of(2026, 3, 2),
                "# Week",
                Instant.parse("2026-03-09T06:00:00Z"));
        assertThat(new SummaryGraphQlController(null).weekStartDate(summary)).isEqualTo("2026-03-02");
    }
}
