package com.stack.aicfo.summary.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.stack.aicfo.facts.domain.SummaryFacts;

/**
 * The AI CFO's summary of a user's week, or an on-demand analysis (its week: the Monday of the week it was asked
 * in), in Markdown.
 */
public record AiSummary(
        UUID id,
        UUID userId,
        SummaryFacts.Kind kind,
        LocalDate weekStartDate,
        String summaryMarkdown,
        Instant generatedAt) {}
