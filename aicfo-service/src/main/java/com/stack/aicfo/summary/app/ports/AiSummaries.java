package com.stack.aicfo.summary.app.ports;

import java.util.UUID;

import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.defaults.graphql.KeysetCursor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The summaries and analyses, each stored with the facts it was written from and how it was written (the port; the
 * adapter is {@code adapters.AiSummaryRepository}, over {@code ai_summaries}).
 */
public interface AiSummaries {

    /**
     * Stores the summary with its provenance; a weekly summary of a user and week already stored is not stored again
     * and the answer is empty.
     */
    Mono<AiSummary> insert(AiSummary summary, Provenance provenance);

    /**
     * The user's latest summary of either kind: of the most recent week, the one generated last (a week's weekly
     * summary is written after the week, so it follows the analyses asked for during it); empty when there is none.
     */
    Mono<AiSummary> findLatestForUser(UUID userId);

    /** The user's summary of that id; empty when there is none (or it is another user's). */
    Mono<AiSummary> findForUser(UUID summaryId, UUID userId);

    /** Up to {@code limit} of the user's summaries generated before the cursor's (from the newest when null), newest first. */
    Flux<AiSummary> findPageForUser(UUID userId, KeysetCursor after, int limit);

    /**
     * How a summary was written, stored beside it: the facts it was written from (stored as versioned JSON), the
     * analyst that wrote it, its attempts and whether it fell back to the local analyst.
     */
    record Provenance(SummaryFacts facts, String analyst, int attempts, boolean fellBack) {}
}
