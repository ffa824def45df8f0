package com.stack.aicfo.summary.app;

import java.time.Instant;

import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.facts.domain.Weeks;
import com.stack.aicfo.summary.app.ports.AiSummaries;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.contracts.events.EventIds;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Stores what {@link SummaryWriter} wrote, with the facts it was written from (JSON, versioned) and how it was
 * written. Its week is the Monday of the facts' period (an analysis: the Monday of the week it was asked in).
 */
@Service
public class SummaryStore {

    private final AiSummaries summaries;

    public SummaryStore(AiSummaries summaries) {
        this.summaries = summaries;
    }

    /** The stored summary; empty when it is a weekly summary of a week already summarized for the user. */
    public Mono<AiSummary> store(SummaryFacts facts, SummaryWriter.Written written) {
        AiSummary summary = new AiSummary(
                EventIds.next(),
                facts.userId(),
                facts.kind(),
                Weeks.mondayOf(facts.periodStart()),
                written.markdown(),
                Instant.now());
        return summaries.insert(
                summary, new AiSummaries.Provenance(facts, written.analyst(), written.attempts(), written.fellBack()));
    }
}
