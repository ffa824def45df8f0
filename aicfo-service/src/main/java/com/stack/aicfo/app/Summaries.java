package com.stack.aicfo.app;

import com.stack.aicfo.adapters.AiSummaryRepository;
import com.stack.aicfo.domain.AiSummary;
import com.stack.defaults.security.Caller;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads the caller's AI CFO summaries. */
@Service
public class Summaries {

    private final AiSummaryRepository summaries;

    public Summaries(AiSummaryRepository summaries) {
        this.summaries = summaries;
    }

    /** The summary of the caller's most recent week; empty when none has been generated yet. */
    public Mono<AiSummary> latest(Caller caller) {
        return summaries.findLatestForUser(caller.userId());
    }
}
