package com.stack.gateway.ratelimit;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.stack.contracts.identity.UserIds;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-user budgets of root mutation fields ({@code stack.gateway.rate-limits.<field>=<count>/<window>}, such as
 * {@code initiateWithdrawal: 5/1m}), counted in Redis so that every gateway instance shares them: a fixed
 * window per user and field ({@code INCRBY} the number of times the operation runs the field, aliases each
 * counting, and {@code EXPIRE} on the window's first request). The user is the one the gateway already
 * authenticated ({@code iss} and {@code sub} of the validated bearer token, as the services derive it). Over
 * the limit: 429 {@code RATE_LIMITED}, before any subgraph is called.
 *
 * <p>When Redis fails or does not answer within {@code redisTimeout}, the same limits are counted in this
 * gateway instance's memory instead (fail closed: a user gets at most the limit per instance, never
 * everything), and {@code stack.gateway.rate_limit.unavailable} counts the fallback.
 */
public class MutationRateLimits {

    private static final Logger log = LoggerFactory.getLogger(MutationRateLimits.class);

    /** One field's limit. */
    public record Limit(long count, Duration window) {

        /** {@code "5/1m"}: 5 per minute; the window in Spring's duration syntax ({@code 30s}, {@code 1m}, {@code 1h}). */
        public static Limit parse(String text) {
            String[] parts = text.strip().split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("A rate limit is <count>/<window>, such as 5/1m: " + text);
            }
            Duration window = org.springframework.boot.convert.DurationStyle.detectAndParse(parts[1].strip());
            long count = Long.parseLong(parts[0].strip());
            if (count < 1 || window.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "A rate limit needs a count of at least 1 and a window of at least 1 s: " + text);
            }
            return new Limit(count, window);
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final Map<String, Limit> limits;
    private final MeterRegistry meters;
    private final Duration redisTimeout;
    private final Clock clock;
    /** field -> this instance's counts in the current window, used while Redis fails */
    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();

    public MutationRateLimits(
            ReactiveStringRedisTemplate redis,
            Map<String, Limit> limits,
            MeterRegistry meters,
            Duration redisTimeout,
            Clock clock) {
        this.redis = redis;
        this.limits = Map.copyOf(limits);
        this.meters = meters;
        this.redisTimeout = redisTimeout;
        this.clock = clock;
    }

    /**
     * Empty when the caller may run these root mutation fields now; the 429 to answer otherwise.
     *
     * @param rootMutationFields the name of every root field the operation runs, once per occurrence
     */
    public Mono<GraphQlResponse> refusal(List<String> rootMutationFields, String authorization) {
        Map<String, Long> occurrences = rootMutationFields.stream()
                .filter(limits::containsKey)
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        if (occurrences.isEmpty()) {
            return Mono.empty();
        }
        String user = userOf(authorization);
        if (user == null) {
            return Mono.empty(); // no user: the subgraph answers UNAUTHENTICATED
        }
        return Flux.fromIterable(occurrences.entrySet())
                .concatMap(field -> overLimit(field.getKey(), user, field.getValue())
                        .filter(over -> over)
                        .map(over -> field.getKey()))
                .next()
                .map(field -> {
                    meters.counter("stack.gateway.rate_limit.refused", "field", field)
                            .increment();
                    Limit limit = limits.get(field);
                    return GraphQlResponse.requestError(
                            429,
                            "RATE_LIMITED",
                            field + " is limited to " + limit.count() + " per "
                                    + limit.window().toSeconds() + " s per user: try again later");
                });
    }

    private Mono<Boolean> overLimit(String field, String user, long occurrences) {
        Limit limit = limits.get(field);
        long window = clock.instant().getEpochSecond() / limit.window().toSeconds();
        String key = "stack:gateway:rate:" + field + ":" + user + ":" + window;
        return redis.opsForValue()
                .increment(key, occurrences)
                .flatMap(count -> (count <= occurrences
                                ? redis.expire(key, limit.window().plusSeconds(1))
                                : Mono.just(true))
                        .thenReturn(count > limit.count()))
                .timeout(redisTimeout)
                .onErrorResume(e -> {
                    meters.counter("stack.gateway.rate_limit.unavailable").increment();
                    log.warn("Rate limit of {} counted in this instance only (Redis failed): {}", field, e.toString());
                    return Mono.just(countLocally(field, user, occurrences, limit, window));
                });
    }

    private boolean countLocally(String field, String user, long occurrences, Limit limit, long window) {
        LocalWindow counts = local.compute(
                field,
                (name, current) -> current != null && current.index() == window ? current : new LocalWindow(window));
        return counts.users().computeIfAbsent(user, u -> new AtomicLong()).addAndGet(occurrences) > limit.count();
    }

    /** One fixed window's counts per user; replaced, not cleaned, when the window moves on. */
    private record LocalWindow(long index, Map<String, AtomicLong> users) {
        LocalWindow(long index) {
            this(index, new ConcurrentHashMap<>());
        }
    }

    /** The STACK user of a bearer token the gateway has validated already (so its claims are read, not checked). */
    static String userOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            JWTClaimsSet claims =
                    JWTParser.parse(authorization.substring(7).strip()).getJWTClaimsSet();
            return claims.getIssuer() == null || claims.getSubject() == null
                    ? null
                    : UserIds.fromSubject(claims.getIssuer(), claims.getSubject())
                            .toString();
        } catch (ParseException e) {
            return null;
        }
    }
}
