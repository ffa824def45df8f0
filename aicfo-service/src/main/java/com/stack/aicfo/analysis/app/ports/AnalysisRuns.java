package com.stack.aicfo.analysis.app.ports;

import java.time.Duration;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The on-demand analyses being written: at most one running per user across replicas, claimed with a lease under the
 * user's lock ({@link AnalysisRequests#lockUser}), done with the stored analysis' id. A request that finds a live run
 * joins it by reading it until it is done (the port; the adapter is {@code adapters.AnalysisRunRepository}, over
 * {@code analysis_runs}).
 */
public interface AnalysisRuns {

    /** The user's running run (lapsed or not); empty when none runs. Call it under the user's lock. */
    Mono<Run> running(UUID userId);

    /** The run of that id, as a joiner sees it; empty when there is none. */
    Mono<Run> find(UUID runId);

    /** Marks the user's lapsed run abandoned, so that a new one may be claimed (under the user's lock). */
    Mono<Void> abandon(UUID runId);

    /** Claims a new run for the user with a lease of {@code lease} (the user has none running). */
    Mono<Void> claim(UUID runId, UUID userId, Duration lease);

    /** The run is done: its analysis is stored as {@code summaryId}. */
    Mono<Void> done(UUID runId, UUID summaryId);

    /** The run failed here: its lease ends now, so the next request of the user (or a joiner) takes it over. */
    Mono<Void> release(UUID runId);

    /** A run as a joiner sees it. */
    enum State {
        RUNNING,
        LAPSED,
        DONE,
        ABANDONED
    }

    /**
     * @param summaryId the stored analysis once {@link State#DONE}, else null
     */
    record Run(UUID id, State state, UUID summaryId) {}
}
