package com.stack.aicfo.summary.app;

import com.stack.aicfo.summary.app.ports.AiSummaries;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.security.Caller;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads the caller's AI CFO summaries and analyses; a user never sees another user's. */
@Service
public class Summaries {

    private final AiSummaries summaries;

    public Summaries(AiSummaries summaries) {
        this.summaries = summaries;
    }

    /** The caller's latest summary of either kind (the most recent week's, written last); empty before the first. */
    public Mono<AiSummary> latest(Caller caller) {
        return summaries.findLatestForUser(caller.userId());
    }

    /**
     * A page of the caller's summaries and analyses, newest first. {@code first} and {@code after} are the client's
     * arguments, validated here (BAD_USER_INPUT when out of range or not a cursor of ours).
     */
    public Mono<Connection<AiSummary>> page(Caller caller, Integer first, String after) {
        return KeysetPages.page(
                first,
                after,
                (cursor, limit) -> summaries.findPageForUser(caller.userId(), cursor, limit),
                summary -> new KeysetCursor(summary.generatedAt(), summary.id()));
    }
}
