package com.stack.aicfo.app;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.aicfo.adapters.AnalysisRequestRepository;
import com.stack.aicfo.domain.AiSummary;
import com.stack.aicfo.domain.SummaryFacts;
import com.stack.aicfo.domain.Weeks;
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
 * instances; over it, {@code RATE_LIMITED} with the seconds until the oldest request leaves the window. A second
 * request of the user while one is being written in this instance joins it (one generation, shared, not counted
 * again); across instances the lock serializes the counting. Nothing blocks while the model answers.
 */
public class PortfolioAnalysis {

    /**
     * {@code stack.aicfo.on-demand.*}.
     *
     * @param maxPerWindow how many analyses a user may ask for within a window: {@code <count>/<window>}, the window in
     *                     s, m or h
     */
    @ConfigurationProperties("stack.aicfo.on-demand")
    public record Settings(@DefaultValue("10/1h") String maxPerWindow) {

        public Settings {
            PerWindowLimit.parse("stack.aicfo.on-demand.max-per-window", maxPerWindow);
        }

        public PerWindowLimit rateLimit() {
            return PerWindowLimit.parse("stack.aicfo.on-demand.max-per-window", maxPerWindow);
        }
    }

    private final AnalysisRequestRepository requests;
    private final FactsCollector collector;
    private final SummaryWriter writer;
    private final SummaryStore store;
    private final TransactionalOperator transactions;
    private final PerWindowLimit rateLimit;
    private final Map<UUID, Mono<AiSummary>> inFlight = new ConcurrentHashMap<>();

    public PortfolioAnalysis(AnalysisRequestRepository requests, FactsCollector collector, SummaryWriter writer,
            SummaryStore store, TransactionalOperator transactions, Settings settings) {
        this.requests = requests;
        this.collector = collector;
        this.writer = writer;
        this.store = store;
        this.transactions = transactions;
        this.rateLimit = settings.rateLimit();
    }

    /** The caller's analysis: the one being written for them in this instance, or a new one. */
    public Mono<AiSummary> request(Caller caller) {
        return Mono.defer(() -> inFlight.computeIfAbsent(caller.userId(), this::start));
    }

    /** A generation shared by every request that joins it, forgotten once it ends. */
    private Mono<AiSummary> start(UUID userId) {
        AtomicReference<Mono<AiSummary>> self = new AtomicReference<>();
        Mono<AiSummary> shared = generate(userId)
                .doFinally(signal -> inFlight.remove(userId, self.get()))
                .cache();
        self.set(shared);
        return shared;
    }

    private Mono<AiSummary> generate(UUID userId) {
        return transactions.transactional(requests.lockUser(userId)
                        .then(requests.askedWithin(userId, rateLimit.window()))
                        .flatMap(asked -> rateLimit.allowsAnother(asked.count())
                                ? requests.record(EventIds.next(), userId)
                                : Mono.error(RetryLaterException.rateLimited("At most " + rateLimit.count()
                                        + " portfolio analyses may be asked for within "
                                        + rateLimit.window().toSeconds() + " seconds", rateLimit.retryAfter(asked.oldest(), Instant.now())))))
                .then(collector.zoneOf(userId))
                .flatMap(zone -> {
                    LocalDate today = LocalDate.now(zone);
                    return collector.collect(userId, SummaryFacts.Kind.ON_DEMAND, Weeks.mondayOf(today), today);
                })
                .flatMap(facts -> writer.write(facts).flatMap(written -> store.store(facts, written)));
    }

}
