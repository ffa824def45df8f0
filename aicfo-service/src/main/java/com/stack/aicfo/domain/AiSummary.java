package com.stack.aicfo.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The AI CFO's summary of a user's week, in Markdown. */
public record AiSummary(UUID id, UUID userId, LocalDate weekStartDate, String summaryMarkdown, Instant generatedAt) {
}
