package com.stack.funding.inbox.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.defaults.messaging.SweepingLoop;
import com.stack.defaults.resilience.RetryBackoff;
import com.stack.funding.inbox.app.PartnerInbox.Message;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.saga.app.ConcurrentDepositChangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Processes stored partner notifications, each in its own transaction with its effects: woken right
 * after the endpoint stored one, and on every sweep for rows left behind (a crash between storing and
 * processing, another instance's rows, retries that came due). Rows are claimed with a lease and
 * processed oldest first; a row's handler runs only if the row is still unprocessed under its lock.
 *
 * <p>A failed attempt (the database, a concurrent change of the same deposit that persists) is put back
 * with exponential backoff; after {@code maxAttempts} the row is marked failed with the last error,
 * visible for an operator. A concurrent change of the deposit is first retried at once, twice.
 */
public class PartnerInboxProcessor extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(PartnerInboxProcessor.class);

    /**
     * {@code stack.funding.inbox.*}.
     *
     * @param enabled        start processing with the application
     * @param sweepInterval  how often rows nobody woke the processor for are looked for
     * @param lease          how long a claim lasts before another processor may take the row
     * @param batchSize      rows claimed per pass
     * @param concurrency    rows of a pass processed at once (rows of one deposit may race: the deposit's
     *                       optimistic lock makes the later one read again and decide again)
     * @param maxAttempts    attempts before a row is marked failed
     * @param initialBackoff wait after the first failed attempt, doubled per attempt
     * @param maxBackoff     retry wait cap
     */
    @ConfigurationProperties("stack.funding.inbox")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration sweepInterval,
            @DefaultValue("1m") Duration lease,
            @DefaultValue("200") int batchSize,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("32") int concurrency) {}

    private final PartnerInbox inbox;
    private final Map<String, InboxHandler> handlers;
    private final TransactionalOperator transactions;
    private final DepositIntakeMetrics metrics;
    private final Settings settings;

    public PartnerInboxProcessor(
            PartnerInbox inbox,
            List<InboxHandler> handlers,
            TransactionalOperator transactions,
            DepositIntakeMetrics metrics,
            Settings settings) {
        this.inbox = inbox;
        this.handlers =
                handlers.stream().collect(Collectors.toMap(h -> key(h.partner(), h.type()), Function.identity()));
        this.transactions = transactions;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    protected Duration sweepInterval() {
        return settings.sweepInterval();
    }

    /**
     * A sweep first puts back the transfers waiting for a wallet that is known by now (one recorded while the
     * transfer was being parked, in another transaction) and refreshes the waiting gauges.
     */
    @Override
    protected Mono<Void> pass(boolean woken) {
        return (woken ? Mono.<Void>empty() : releaseAwaitingKnownWallets())
                .then(drain())
                .then();
    }

    /** Puts back the transfers whose wallet is known by now and refreshes the gauges; emits how many came back. */
    public Mono<Long> releaseAwaitingKnownWallets() {
        return inbox.releaseAwaitingKnownWallets()
                .doOnNext(released -> {
                    if (released > 0) {
                        log.info(
                                "{} inbound transfers waiting for a wallet found it recorded; processing them",
                                released);
                    }
                })
                .flatMap(released -> inbox.awaitingWallets()
                        .doOnNext(waiting ->
                                metrics.awaitingWallet(waiting.count(), waiting.oldestSince(), Instant.now()))
                        .thenReturn(released));
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    /** Processes every row due now; emits how many were claimed. */
    public Mono<Integer> drain() {
        return drainBatches(this::batch, settings.batchSize()).map(Long::intValue);
    }

    private Mono<Integer> batch() {
        return inbox.claim(Math.max(1, settings.batchSize()), settings.lease())
                .flatMap(rows -> Flux.fromIterable(rows)
                        .flatMap(this::process, Math.max(1, settings.concurrency()))
                        .then(Mono.just(rows.size())));
    }

    private Mono<Void> process(Message message) {
        InboxHandler handler = handlers.get(key(message.partner(), message.type()));
        Mono<InboxOutcome> attempt = transactions.transactional(inbox.lockUnprocessed(message.id())
                .filter(open -> open)
                .flatMap(open -> handler == null
                        ? Mono.just(InboxOutcome.ignored(
                                "type_not_handled", "notification type " + message.type() + " is not handled"))
                        : Mono.defer(() -> handler.handle(message)))
                .flatMap(outcome -> (outcome.finished()
                                ? inbox.markProcessed(message.id(), outcome)
                                : inbox.awaitWallet(message.id(), outcome))
                        .thenReturn(outcome)));
        return attempt.retryWhen(Retry.max(2).filter(ConcurrentDepositChangeException.class::isInstance))
                .doOnNext(outcome -> finished(message, outcome))
                .then()
                .onErrorResume(e -> failedAttempt(message, e));
    }

    private void finished(Message message, InboxOutcome outcome) {
        metrics.processed(message.partner(), message.type(), outcome);
        if (outcome.kind() == InboxOutcome.Kind.APPLIED) {
            log.info(
                    "{} notification {} ({}) applied: {}",
                    message.partner(),
                    message.eventId(),
                    message.type(),
                    outcome.detail());
        } else if (!outcome.finished()) {
            log.warn(
                    "{} notification {} ({}) parked: {} (applied once the wallet is recorded)",
                    message.partner(),
                    message.eventId(),
                    message.type(),
                    outcome.detail());
        } else {
            log.warn(
                    "{} notification {} ({}) {}: {}",
                    message.partner(),
                    message.eventId(),
                    message.type(),
                    outcome.kind().column(),
                    outcome.detail());
        }
    }

    private Mono<Void> failedAttempt(Message message, Throwable error) {
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (message.attempts() >= settings.maxAttempts()) {
            log.error(
                    "{} notification {} failed {} times; giving up",
                    message.partner(),
                    message.eventId(),
                    message.attempts(),
                    error);
            InboxOutcome gaveUp =
                    InboxOutcome.failed("gave_up", "gave up after " + message.attempts() + " attempts: " + reason);
            return inbox.markProcessed(message.id(), gaveUp)
                    .doOnSuccess(done -> metrics.processed(message.partner(), message.type(), gaveUp));
        }
        Duration backoff =
                new RetryBackoff(settings.initialBackoff(), settings.maxBackoff()).delayAfter(message.attempts());
        log.warn(
                "{} notification {} attempt {} failed; retrying in {}",
                message.partner(),
                message.eventId(),
                message.attempts(),
                backoff,
                error);
        metrics.retried(message.partner(), message.type());
        return inbox.retryLater(message.id(), backoff, reason);
    }

    private static String key(String partner, String type) {
        return partner + "#" + type;
    }
}
