package com.stack.aicfo.weekly.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.app.FactsCollector;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.summary.app.SummaryStore;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.aicfo.weekly.app.ports.WeeklyRuns;
import com.stack.aicfo.weekly.app.ports.WeeklyRuns.Claim;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.messaging.SweepingLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes every active user's weekly summary once per ISO week, after the week has closed in the user's time zone
 * (UTC unless one is known), and tells the user ({@code AI_SUMMARY_READY}).
 *
 * <p>Why a claim in PostgreSQL and not a Kubernetes CronJob: the run has to be exactly once per user and week across
 * replicas and restarts, resumable after a crash in the middle, and spread over time; a CronJob would still need all
 * of that behind the endpoint it calls, and it would add a moving part outside the service. Here every replica runs
 * this loop; a run is a row {@code weekly_runs (user_id, week_start)}, claimed by an insert that does nothing on
 * conflict (two replicas never claim the same run) with a lease: a replica that dies after claiming leaves a lease
 * that runs out, and the run is claimed again ({@code FOR UPDATE SKIP LOCKED}) by whichever replica sweeps next. The
 * summary itself is unique per user and week (a partial unique index), and its notification goes into the outbox in
 * the same transaction as the summary, so a run that is repeated stores nothing twice and tells the user once.
 *
 * <p>Spread: each pass, every {@code stack.aicfo.weekly.interval}, claims at most
 * {@code stack.aicfo.weekly.batch-size} runs (lapsed ones first) and writes {@code concurrency} of them at a time,
 * so thousands of users reach the model a batch at a time, not at once. The limit is per replica: with n replicas
 * up to n batches a pass.
 *
 * <p>A run that keeps failing (its lease runs out {@code stack.aicfo.weekly.max-attempts} times) is parked, logged and
 * counted in {@value #PARKED_METRIC}, instead of being taken over every lease forever.
 */
public class WeeklySummaries extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(WeeklySummaries.class);

    public static final String NOTIFICATION_KIND = "AI_SUMMARY_READY";
    public static final String NOTIFICATION_TITLE = "Your weekly summary is ready";

    /**
     * {@code stack.aicfo.weekly.*}.
     *
     * @param enabled     run with the application
     * @param interval    how often a pass claims due runs
     * @param batchSize   runs claimed per pass, at most
     * @param lease       how long a claim lasts before another replica may take it over (longer than a model's answer
     *                    with its retries and fallback takes)
     * @param concurrency summaries of a pass written at a time
     * @param maxAttempts a run whose lease ran out this many times (its attempts all died or failed) is parked, not
     *                    taken over again, and counted in {@value #PARKED_METRIC}
     */
    @ConfigurationProperties("stack.aicfo.weekly")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration interval,
            @DefaultValue("20") int batchSize,
            @DefaultValue("10m") Duration lease,
            @DefaultValue("4") int concurrency,
            @DefaultValue("5") int maxAttempts) {}

    public static final String PARKED_METRIC = "stack.aicfo.weekly.parked";

    /** What a pass did: runs claimed, summaries stored (a run whose summary was stored already stores none). */
    public record Pass(int claimed, int stored) {}

    private final WeeklyRuns runs;
    private final FactsCollector collector;
    private final SummaryWriter writer;
    private final SummaryStore store;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Settings settings;
    private final Counter parked;
    /** What "now" is for the run (which weeks have closed): the system clock, unless a test moves it. */
    private final java.time.Clock clock;

    public WeeklySummaries(
            WeeklyRuns runs,
            FactsCollector collector,
            SummaryWriter writer,
            SummaryStore store,
            Outbox outbox,
            TransactionalOperator transactions,
            Settings settings,
            java.time.Clock clock,
            MeterRegistry meters) {
        this.clock = clock;
        this.parked = Counter.builder(PARKED_METRIC)
                .description("Weekly summary runs given up after their max attempts (left for an operator)")
                .register(meters);
        this.runs = runs;
        this.collector = collector;
        this.writer = writer;
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    protected Duration sweepInterval() {
        return settings.interval();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        Instant now = clock.instant();
        return run(limit -> runs.claimLastClosedWeeks(now, settings.lease(), limit), now)
                .then();
    }

    /**
     * One pass for the week of {@code weekStart} (a Monday) instead of each user's last closed week: lapsed claims, then
     * the users for whom that week has closed and who have no run for it yet.
     */
    public Mono<Pass> runFor(LocalDate weekStart) {
        Instant now = clock.instant();
        return run(limit -> runs.claimWeek(weekStart, now, settings.lease(), limit), now);
    }

    private Mono<Pass> run(IntFunction<Flux<Claim>> claimNew, Instant now) {
        int batch = Math.max(1, settings.batchSize());
        int maxAttempts = Math.max(1, settings.maxAttempts());
        return runs.parkExhausted(now, maxAttempts)
                .doOnNext(run -> {
                    parked.increment();
                    log.error(
                            "The weekly summary of user {} for the week of {} failed {} times; parked (not retried"
                                    + " until an operator resets its weekly_runs row)",
                            run.userId(),
                            run.weekStart(),
                            run.attempts());
                })
                .then(runs.claimLapsed(now, settings.lease(), batch, maxAttempts)
                        .collectList())
                .flatMap(lapsed -> (lapsed.size() >= batch
                                ? Mono.just(List.<Claim>of())
                                : claimNew.apply(batch - lapsed.size()).collectList())
                        .map(fresh -> Flux.concat(Flux.fromIterable(lapsed), Flux.fromIterable(fresh))))
                .flatMap(claims -> claims.flatMap(
                                claim -> summarize(claim)
                                        .map(stored -> stored ? 1 : 0)
                                        .map(stored -> new Pass(1, stored)),
                                Math.max(1, settings.concurrency()))
                        .reduce(
                                new Pass(0, 0),
                                (a, b) -> new Pass(a.claimed() + b.claimed(), a.stored() + b.stored())));
    }

    /**
     * Writes and stores the claimed run's summary; true when it was stored here. A failure leaves the claim to lapse,
     * so the run is taken again after its lease.
     */
    private Mono<Boolean> summarize(Claim claim) {
        LocalDate weekStart = claim.weekStart();
        return collector
                .collect(claim.userId(), SummaryFacts.Kind.WEEKLY, weekStart, weekStart.plusDays(6))
                .flatMap(facts -> writer.write(facts)
                        .flatMap(written -> transactions.transactional(store.store(facts, written)
                                .flatMap(stored ->
                                        outbox.append(readyNotification(stored)).thenReturn(true))
                                .defaultIfEmpty(false)
                                .flatMap(stored ->
                                        runs.done(claim.userId(), weekStart).thenReturn(stored)))))
                .onErrorResume(e -> {
                    log.warn(
                            "The weekly summary of user {} for the week of {} failed (attempt {}); retried after"
                                    + " its lease",
                            claim.userId(),
                            weekStart,
                            claim.attempts(),
                            e);
                    return Mono.just(false);
                });
    }

    static NotificationRequested readyNotification(AiSummary summary) {
        String week = summary.weekStartDate().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
        return new NotificationRequested(
                summary.userId(),
                NOTIFICATION_KIND,
                NOTIFICATION_TITLE,
                "Your AI CFO's summary of the week of " + week + " is ready to read.");
    }
}
