package com.stack.aicfo.analysis.app.ports;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The on-demand analyses asked for, counted per user for the rate limit (the port; the adapter is
 * {@code adapters.AnalysisRequestRepository}, over {@code analysis_requests}).
 */
public interface AnalysisRequests {

    /**
     * Takes the user's analysis lock until the current transaction ends, so that counting and recording a request
     * of one user happen one instance at a time.
     */
    Mono<Void> lockUser(UUID userId);

    /** The user's requests within the last {@code window}: how many, and the oldest one's time. */
    Mono<Asked> askedWithin(UUID userId, Duration window);

    /** Records a request of the user. */
    Mono<Void> record(UUID requestId, UUID userId);

    /** The requests within a window: how many, and the oldest one's time (null when none). */
    record Asked(long count, Instant oldest) {}
}
