package com.stack.aicfo.app;

import java.time.Instant;

import com.stack.aicfo.adapters.AiSummaryRepository;
import com.stack.aicfo.adapters.FactsJson;
import com.stack.aicfo.domain.AiSummary;
import com.stack.aicfo.domain.SummaryFacts;
import com.stack.aicfo.domain.Weeks;
import com.stack.contracts.events.EventIds;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Stores what {@link SummaryWriter} wrote, with the facts it was written from (JSON, versioned) and how it was
 * written. Its week is the Monday of the facts' period (an analysis: the Monday of the week it was asked in).
 */
@Service
public class SummaryStore {

    private final AiSummaryRepository summaries;

    public SummaryStore(AiSummaryRepository summaries) {
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
        return Mono.fromCallable(() -> FactsJson.write(facts))
                .flatMap(json -> summaries.insert(
                        summary,
                        new AiSummaryRepository.Provenance(
                                json, written.analyst(), written.attempts(), written.fellBack())));
    }
}
