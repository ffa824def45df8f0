package com.stack.funding.saga.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.defaults.messaging.SweepingLoop;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.defaults.resilience.RetryBackoff;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.saga.domain.SagaDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the commands the sagas' definitions issue ({@link SagaDefinition}), recorded in {@code saga_commands}: woken right after a transaction that recorded
 * one commits, and on every sweep for commands whose backoff came due, whose runner died (lapsed lease),
 * or that another instance recorded. Each command a definition issues has its handler; a handler for a command
 * no definition issues is refused at start, and a command without a handler is claimed by no one (it waits, and
 * the start logs it). A failed attempt is put back with exponential backoff; after {@code maxAttempts}
 * the command is marked failed and the deposit stays where it is, for the reconciler.
 *
 * <p>Metrics: {@code stack.saga.commands{saga, command, state}}, commands per state, refreshed every sweep (a failed
 * or long-pending command is visible there); {@code stack.saga.steps{saga, step, outcome}}, each attempt of a command
 * (the step is the command's name in lower case): {@code success}, {@code retry} (put back with backoff) or
 * {@code failure} (given up).
 */
public class SagaCommandRunner extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(SagaCommandRunner.class);
    private static final List<String> STATES = List.of("pending", "in_flight", "done", "failed");

    /**
     * {@code stack.funding.saga.*}.
     *
     * @param enabled        start running commands with the application
     * @param sweepInterval  how often due commands nobody woke the runner for are looked for
     * @param lease          how long a claim lasts before another runner may take the command
     * @param batchSize      commands claimed per pass, and run at once: each waits on its partner without a
     *                       thread, so the partners' latency, not the machine, bounds how many are in flight
     * @param maxAttempts    attempts before a command is marked failed
     * @param initialBackoff wait after the first failed attempt, doubled per attempt
     * @param maxBackoff     retry wait cap
     */
    @ConfigurationProperties("stack.funding.saga")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration sweepInterval,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("256") int batchSize,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff) {}

    private final SagaCommandStore repository;
    private final Map<String, SagaCommandHandler> handlers;
    private final Settings settings;
    private final FundingSagaMetrics sagas;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public SagaCommandRunner(
            SagaCommandStore repository,
            SagaCommands commands,
            List<? extends SagaDefinition<?, ?, ?>> definitions,
            List<SagaCommandHandler> handlers,
            MeterRegistry meters,
            FundingSagaMetrics sagas,
            Settings settings) {
        this.repository = repository;
        this.handlers =
                handlers.stream().collect(Collectors.toMap(h -> h.command().name(), Function.identity()));
        this.settings = settings;
        this.sagas = sagas;
        Map<SagaCommand, String> issued = new LinkedHashMap<>();
        definitions.forEach(saga -> saga.issuedCommands().forEach(command -> issued.put(command, saga.name())));
        List<String> unissued = handlers.stream()
                .map(SagaCommandHandler::command)
                .filter(command -> !issued.containsKey(command))
                .map(SagaCommand::name)
                .toList();
        if (!unissued.isEmpty()) {
            throw new IllegalStateException("Handlers for commands no saga issues: " + unissued);
        }
        issued.keySet().stream()
                .filter(command -> !this.handlers.containsKey(command.name()))
                .forEach(command ->
                        log.warn("No handler runs {} of the {} saga: its commands wait", command, issued.get(command)));
        issued.forEach((command, saga) -> {
            for (String state : STATES) {
                AtomicLong value = new AtomicLong();
                gauges.put(command.name() + "#" + state, value);
                Gauge.builder("stack.saga.commands", value, AtomicLong::get)
                        .tag("saga", saga)
                        .tag("command", command.name())
                        .tag("state", state)
                        .description("Saga commands by state")
                        .register(meters);
            }
        });
        commands.wakeOnCommit(this::wake);
    }

    @Override
    protected Duration sweepInterval() {
        return settings.sweepInterval();
    }

    /**
     * The gauges are refreshed on sweeps only: counting the table by state after every pass woken by a
     * commit (several a second under load) read all of saga_commands each time.
     */
    @Override
    protected Mono<Void> pass(boolean woken) {
        return drain().then(woken ? Mono.<Void>empty() : refreshMetrics());
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    /** Runs every command due now; emits how many were claimed. */
    public Mono<Integer> drain() {
        if (handlers.isEmpty()) {
            return Mono.just(0);
        }
        return drainBatches(this::batch, settings.batchSize()).map(Long::intValue);
    }

    private Mono<Integer> batch() {
        return repository
                .claim(handlers.keySet(), Math.max(1, settings.batchSize()), settings.lease())
                .flatMap(claimed -> Flux.fromIterable(claimed)
                        .flatMap(this::run, Math.max(1, claimed.size()))
                        .then(Mono.just(claimed.size())));
    }

    private Mono<Void> run(Command command) {
        String step = command.command().toLowerCase(Locale.ROOT);
        return sagas.of(command.sagaType())
                .timedStep(
                        step,
                        Mono.defer(() -> handlers.get(command.command()).execute(command)),
                        e -> command.attempts() >= settings.maxAttempts() ? SagaMetrics.FAILURE : SagaMetrics.RETRY)
                .doOnSuccess(done -> log.info(
                        "Saga command {} of {} {} ran (attempt {})",
                        command.command(),
                        command.sagaType(),
                        command.sagaId(),
                        command.attempts()))
                .onErrorResume(e -> failedAttempt(command, e));
    }

    private Mono<Void> failedAttempt(Command command, Throwable error) {
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (command.attempts() >= settings.maxAttempts()) {
            log.error(
                    "Saga command {} of {} {} failed {} times; giving up, left to reconciliation",
                    command.command(),
                    command.sagaType(),
                    command.sagaId(),
                    command.attempts(),
                    error);
            return repository.markFailed(command.id(), "gave up after " + command.attempts() + " attempts: " + reason);
        }
        Duration backoff =
                new RetryBackoff(settings.initialBackoff(), settings.maxBackoff()).delayAfter(command.attempts());
        log.warn(
                "Saga command {} of {} {} attempt {} failed; retrying in {}: {}",
                command.command(),
                command.sagaType(),
                command.sagaId(),
                command.attempts(),
                backoff,
                reason);
        return repository.retryLater(command.id(), backoff, reason);
    }

    /** Brings the metric up to date with the table. */
    public Mono<Void> refreshMetrics() {
        return repository
                .countByState()
                .collectList()
                .doOnNext(counts -> {
                    gauges.values().forEach(value -> value.set(0));
                    counts.forEach(count -> {
                        AtomicLong value = gauges.get(count.command() + "#" + count.state());
                        if (value != null) {
                            value.set(count.count());
                        }
                    });
                })
                .then();
    }
}
