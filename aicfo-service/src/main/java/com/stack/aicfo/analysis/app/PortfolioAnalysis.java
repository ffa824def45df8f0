package com.stack.aicfo.analysis.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.aicfo.analysis.app.ports.AnalysisRequests;
import com.stack.aicfo.analysis.app.ports.AnalysisRuns;
import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.app.FactsCollector;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.facts.domain.Weeks;
import com.stack.aicfo.summary.app.SummaryStore;
import com.stack.aicfo.summary.app.ports.AiSummaries;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.contracts.events.EventIds;
import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.limits.PerWindowLimit;
import com.stack.defaults.security.Caller;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code requestPortfolioAnalysis}: the analysis of the caller's current portfolio and of their current ISO week so
 * far (its Monday to today, in their zone), written by {@link SummaryWriter}, stored and returned.
 *
 * <p>A user may ask {@code stack.aicfo.on-demand.max-per-window} times within the window ({@code 10/1h}): the request
 * is counted in aicfo's database under the user's lock (a transaction-scoped advisory lock), so the limit holds across
 * instances; over it, {@code RATE_LIMITED} with the seconds until the oldest request leaves the window.
 *
 * <p>One generation per user at a time, across replicas: under the same lock a request either claims a run
 * ({@code analysis_runs}, at most one running per user, with a lease of the generation timeout) and writes it, or
 * finds the user's live run, wherever it is being written, and joins it: it reads the run again, backing off from
 * {@value #FIRST_POLL_MS}ms to {@value #MAX_POLL_MS}ms, until it is done (the stored analysis, the same for every
 * request that joined) or its lease has run out (its replica died or failed), when it takes the run over. A join or
 * a takeover is not counted again (the run's request was). Within one instance the joiners share one reader. Nothing
 * blocks while the model answers or while a joiner waits.
 */
public class PortfolioAnalysis {

    static final long FIRST_POLL_MS = 100;
    static final long MAX_POLL_MS = 2000;
    /** Runs a request takes over at most, one after another, before it gives up (each lasted a whole lease). */
    static final int MAX_TAKEOVERS = 2;

    /**
     * {@code stack.aicfo.on-demand.*}.
     *
     * @param maxPerWindow      how many analyses a user may ask for within a window: {@code <count>/<window>}, the
     *                          window in s, m or h
     * @param generationTimeout how long writing an analysis may take (the model's attempts with their retries, then
     *                          the local analyst); its run's lease is this and 10s more, so a run is taken over only
     *                          after its writer has given up
     */
    @ConfigurationProperties("stack.aicfo.on-demand")
    public record Settings(
            @DefaultValue("10/1h") String maxPerWindow,
            @DefaultValue("3m") Duration generationTimeout) {

        public Settings {
            PerWindowLimit.parse("stack.aicfo.on-demand.max-per-window", maxPerWindow);
        }

        public PerWindowLimit rateLimit() {
            return PerWindowLimit.parse("stack.aicfo.on-demand.max-per-window", maxPerWindow);
        }

        Duration lease() {
            return generationTimeout.plusSeconds(10);
        }
    }

    private final AnalysisRequests requests;
    private final AnalysisRuns runs;
    private final AiSummaries summaries;
    private final FactsCollector collector;
    private final SummaryWriter writer;
    private final SummaryStore store;
    private final TransactionalOperator transactions;
    private final PerWindowLimit rateLimit;
    private final Settings settings;
    private final Map<UUID, Mono<AiSummary>> inFlight = new ConcurrentHashMap<>();

    public PortfolioAnalysis(
            AnalysisRequests requests,
            AnalysisRuns runs,
            AiSummaries summaries,
            FactsCollector collector,
            SummaryWriter writer,
            SummaryStore store,
            TransactionalOperator transactions,
            Settings settings) {
        this.requests = requests;
        this.runs = runs;
        this.summaries = summaries;
        this.collector = collector;
        this.writer = writer;
        this.store = store;
        this.transactions = transactions;
        this.rateLimit = settings.rateLimit();
        this.settings = settings;
    }

    /** The caller's analysis: the one being written for them on any instance, or a new one. */
    public Mono<AiSummary> request(Caller caller) {
        return Mono.defer(() -> inFlight.computeIfAbsent(caller.userId(), this::start));
    }

    /** What this instance does for the user's requests, shared by every request that arrives meanwhile. */
    private Mono<AiSummary> start(UUID userId) {
        AtomicReference<Mono<AiSummary>> self = new AtomicReference<>();
        Mono<AiSummary> shared = analyze(userId, 0)
                .doFinally(signal -> inFlight.remove(userId, self.get()))
                .cache();
        self.set(shared);
        return shared;
    }

    /** Under the user's lock: join the live run, or take over a lapsed one, or count the request and claim one. */
    private Mono<AiSummary> analyze(UUID userId, int takeovers) {
        return transactions
                .transactional(requests.lockUser(userId)
                        .then(runs.running(userId).map(Optional::of).defaultIfEmpty(Optional.empty()))
                        .flatMap(running -> {
                            if (running.isPresent() && running.get().state() == AnalysisRuns.State.RUNNING) {
                                return Mono.just(new Step(running.get().id(), false));
                            }
                            UUID runId = EventIds.next();
                            Mono<Void> before = running.isPresent()
                                    ? runs.abandon(running.get().id())
                                    : countOrRefuse(userId);
                            return before.then(runs.claim(runId, userId, settings.lease()))
                                    .thenReturn(new Step(runId, true));
                        }))
                .flatMap(step -> step.claimed()
                        ? write(userId, step.runId())
                        : await(userId, step.runId(), Duration.ofMillis(FIRST_POLL_MS), takeovers));
    }

    private Mono<Void> countOrRefuse(UUID userId) {
        return requests.askedWithin(userId, rateLimit.window())
                .flatMap(asked -> rateLimit.allowsAnother(asked.count())
                        ? requests.record(EventIds.next(), userId)
                        : Mono.error(RetryLaterException.rateLimited(
                                "At most " + rateLimit.count()
                                        + " portfolio analyses may be asked for within "
                                        + rateLimit.window().toSeconds()
                                        + " seconds",
                                rateLimit.retryAfter(asked.oldest(), Instant.now()))));
    }

    /** Writes the claimed run's analysis, stored with the run done in one transaction; a failure ends its lease. */
    private Mono<AiSummary> write(UUID userId, UUID runId) {
        return collector
                .zoneOf(userId)
                .flatMap(zone -> {
                    LocalDate today = LocalDate.now(zone);
                    return collector.collect(userId, SummaryFacts.Kind.ON_DEMAND, Weeks.mondayOf(today), today);
                })
                .flatMap(facts -> writer.write(facts)
                        .flatMap(written -> transactions.transactional(store.store(facts, written)
                                .flatMap(stored -> runs.done(runId, stored.id()).thenReturn(stored)))))
                .timeout(settings.generationTimeout())
                .onErrorMap(
                        TimeoutException.class,
                        e -> RetryLaterException.busy(
                                "The portfolio analysis took too long to write", Duration.ofSeconds(30)))
                .onErrorResume(e -> runs.release(runId).onErrorComplete().then(Mono.error(e)));
    }

    /** Reads the run until it is done (its analysis) or its lease has run out (taken over), backing off. */
    private Mono<AiSummary> await(UUID userId, UUID runId, Duration delay, int takeovers) {
        Duration next = delay.multipliedBy(2).compareTo(Duration.ofMillis(MAX_POLL_MS)) > 0
                ? Duration.ofMillis(MAX_POLL_MS)
                : delay.multipliedBy(2);
        return Mono.delay(delay).then(runs.find(runId)).flatMap(run -> switch (run.state()) {
            case DONE -> summaries.findForUser(run.summaryId(), userId);
            case RUNNING -> await(userId, runId, next, takeovers);
            case LAPSED, ABANDONED ->
                takeovers < MAX_TAKEOVERS
                        ? analyze(userId, takeovers + 1)
                        : Mono.error(RetryLaterException.busy(
                                "The portfolio analysis could not be written", Duration.ofSeconds(30)));
        });
    }

    /** What the request does: write the run it claimed, or join the one running. */
    private record Step(UUID runId, boolean claimed) {}
}
