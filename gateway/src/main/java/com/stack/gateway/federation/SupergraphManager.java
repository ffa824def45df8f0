package com.stack.gateway.federation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.gateway.federation.compose.CompositionException;
import com.stack.gateway.federation.compose.SubgraphSchema;
import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.compose.SupergraphComposer;
import com.stack.gateway.federation.execute.PlanExecutor;
import com.stack.gateway.federation.execute.SubgraphClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads every subgraph's SDL ({@code _service { sdl }}), composes the supergraph and holds the engine
 * built on it. At startup it waits a short while for the subgraphs: if they all answer and do not
 * compose, startup fails with the composition problems; if some do not answer, the gateway starts
 * unready (its readiness names them) and keeps asking until they do. The subgraphs refuse requests
 * without a token, so the schema fetch carries the gateway's own service token: it is no user's request.
 */
public class SupergraphManager {

    private static final Logger log = LoggerFactory.getLogger(SupergraphManager.class);
    private static final String SDL_QUERY = "query { _service { sdl } }";

    private final Map<String, String> subgraphs;
    private final SubgraphClient client;
    private final PlanExecutor executor;
    private final Duration retryInterval;
    private final Mono<String> serviceAuthorization;
    private final AtomicReference<FederatedGraphQl> engine = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> problems = new AtomicReference<>(Map.of());
    private volatile Instant composedAt;
    private volatile Disposable retrying;
    private final OperationRules rules;

    /**
     * @param serviceAuthorization the {@code Authorization} header value of the gateway's own requests
     *                             (its service token), asked for before each schema fetch
     */
    public SupergraphManager(
            Map<String, String> subgraphs,
            SubgraphClient client,
            Duration retryInterval,
            Mono<String> serviceAuthorization) {
        this(subgraphs, client, retryInterval, serviceAuthorization, OperationRules.defaults());
    }

    /** @param rules limits, introspection and per-user mutation budgets, applied by every engine */
    public SupergraphManager(
            Map<String, String> subgraphs,
            SubgraphClient client,
            Duration retryInterval,
            Mono<String> serviceAuthorization,
            OperationRules rules) {
        this.rules = rules;
        if (subgraphs.isEmpty()) {
            throw new IllegalStateException("No subgraphs configured: set stack.gateway.subgraphs.<name>=<url>");
        }
        this.subgraphs = new LinkedHashMap<>(subgraphs);
        this.client = client;
        this.executor = new PlanExecutor(client);
        this.retryInterval = retryInterval;
        this.serviceAuthorization = serviceAuthorization;
    }

    /** The engine for the current supergraph, or empty while it is not composed yet. */
    public Mono<FederatedGraphQl> current() {
        return Mono.justOrEmpty(engine.get());
    }

    public Map<String, String> problems() {
        return problems.get();
    }

    /**
     * Called once at startup. Waiting here is deliberate: it is before the server takes traffic, and
     * failing startup is the clearest answer to subgraphs that do not compose.
     */
    public void start(Duration startupWait) {
        Boolean composed = loadOnce()
                .onErrorResume(e -> !(e instanceof CompositionException), e -> Mono.just(false))
                .repeatWhenEmpty(Integer.MAX_VALUE, repeat -> repeat.delayElements(retryInterval))
                .timeout(startupWait, Mono.just(false))
                .block(); // startup only
        if (!Boolean.TRUE.equals(composed)) {
            log.warn("Starting without a supergraph; still waiting for subgraphs: {}", problems.get());
            retrying = Flux.interval(retryInterval, retryInterval)
                    .onBackpressureDrop()
                    .concatMap(tick -> loadOnce().onErrorResume(e -> {
                        log.error("Supergraph composition failed: {}", e.getMessage());
                        return Mono.just(false);
                    }))
                    .takeUntil(Boolean::booleanValue)
                    .subscribe();
        }
    }

    public void stop() {
        Disposable task = retrying;
        if (task != null) {
            task.dispose();
        }
    }

    /** Fetches all SDLs; true when composed; empty when some subgraph did not answer; error when they do not compose. */
    Mono<Boolean> loadOnce() {
        return Flux.fromIterable(subgraphs.entrySet())
                .flatMapSequential(entry -> fetchSdl(entry.getKey(), entry.getValue()))
                .collectList()
                .flatMap(results -> {
                    Map<String, String> missing = new LinkedHashMap<>();
                    List<SubgraphSchema> schemas = new ArrayList<>();
                    results.forEach(r -> {
                        if (r.problem() != null) {
                            missing.put(r.schema().name(), r.problem());
                        } else {
                            schemas.add(r.schema());
                        }
                    });
                    if (!missing.isEmpty()) {
                        problems.set(missing);
                        return Mono.empty();
                    }
                    try {
                        Supergraph supergraph = SupergraphComposer.compose(schemas);
                        engine.set(new FederatedGraphQl(supergraph, executor, rules));
                        composedAt = Instant.now();
                        problems.set(Map.of());
                        log.info("Supergraph composed from {}", subgraphs.keySet());
                        return Mono.just(true);
                    } catch (CompositionException e) {
                        problems.set(Map.of("composition", e.getMessage()));
                        return Mono.error(e);
                    }
                });
    }

    private Mono<SdlResult> fetchSdl(String name, String url) {
        return serviceAuthorization
                .flatMap(authorization -> client.execute(name, url, SDL_QUERY, Map.of(), authorization))
                .map(response -> {
                    Object sdl = response.get("data") instanceof Map<?, ?> data
                                    && data.get("_service") instanceof Map<?, ?> service
                            ? service.get("sdl")
                            : null;
                    return sdl instanceof String text
                            ? new SdlResult(new SubgraphSchema(name, url, text), null)
                            : new SdlResult(new SubgraphSchema(name, url, null), "did not serve _service { sdl }");
                })
                .onErrorResume(e -> Mono.just(new SdlResult(new SubgraphSchema(name, url, null), e.getMessage())));
    }

    /** Readiness: UP once composed; DOWN naming the subgraphs it still waits for, or the composition problem. */
    public Mono<Health> health() {
        FederatedGraphQl current = engine.get();
        if (current == null) {
            return Mono.just(Health.down()
                    .withDetail("subgraphs", subgraphs)
                    .withDetail("problems", problems.get())
                    .build());
        }
        return Mono.just(Health.up()
                .withDetail("subgraphs", subgraphs)
                .withDetail("composedAt", String.valueOf(composedAt))
                .build());
    }

    private record SdlResult(SubgraphSchema schema, String problem) {}
}
