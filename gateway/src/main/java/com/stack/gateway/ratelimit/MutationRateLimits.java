package com.stack.gateway.ratelimit;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.stack.contracts.identity.UserIds;
import com.stack.gateway.federation.GraphQlResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-user limits on root mutation fields ({@code stack.gateway.rate-limits.<field>=<count>/<window>}, such as
 * {@code initiateWithdrawal: 5/1m}), counted in Redis so that every gateway instance shares them: a fixed
 * window per user and field ({@code INCR}, and {@code EXPIRE} on the window's first request). The user is the
 * one the gateway already authenticated ({@code iss} and {@code sub} of the validated bearer token, as the
 * services derive it). Over the limit: 429 {@code RATE_LIMITED}, before any subgraph is called.
 *
 * <p>Redis failing does not stop the API: the request passes, and
 * {@code stack.gateway.rate_limit.unavailable} counts it.
 */
public class MutationRateLimits {

    private static final Logger log = LoggerFactory.getLogger(MutationRateLimits.class);

    /** One field's limit. */
    public record Limit(long count, Duration window) {

        /** {@code "5/1m"}: 5 per minute; the window in Spring's duration syntax ({@code 30s}, {@code 1m}, {@code 1h}). */
        public static Limit parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("A rate limit is <count>/<window>, such as 5/1m: " + text);
            }
            Duration window = org.springframework.boot.convert.DurationStyle.detectAndParse(parts[1].strip());
            long count = Long.parseLong(parts[0].strip());
            if (count < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("A rate limit needs a count of at least 1 and a positive window: " + text);
            }
            return new Limit(count, window);
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final Map<String, Limit> limits;
    private final MeterRegistry meters;

    public MutationRateLimits(ReactiveStringRedisTemplate redis, Map<String, Limit> limits, MeterRegistry meters) {
        this.redis = redis;
        this.limits = Map.copyOf(limits);
        this.meters = meters;
    }

    /** Empty when the caller may run these root mutation fields now; the 429 to answer otherwise. */
    public Mono<GraphQlResponse> refusal(List<String> rootMutationFields, String authorization) {
        List<String> limited = rootMutationFields.stream().filter(limits::containsKey).distinct().toList();
        if (limited.isEmpty()) {
            return Mono.empty();
        }
        String user = userOf(authorization);
        if (user == null) {
            return Mono.empty();   // no user: the subgraph answers UNAUTHENTICATED
        }
        return Flux.fromIterable(limited)
                .concatMap(field -> overLimit(field, user).filter(over -> over).map(over -> field))
                .next()
                .map(field -> {
                    meters.counter("stack.gateway.rate_limit.refused", "field", field).increment();
                    Limit limit = limits.get(field);
                    return GraphQlResponse.requestError(429, "RATE_LIMITED", field + " is limited to " + limit.count()
                            + " per " + limit.window().toSeconds() + " s per user: try again later");
                });
    }

    private Mono<Boolean> overLimit(String field, String user) {
        Limit limit = limits.get(field);
        long window = Instant.now().getEpochSecond() / limit.window().toSeconds();
        String key = "stack:gateway:rate:" + field + ":" + user + ":" + window;
        return redis.opsForValue().increment(key)
                .flatMap(count -> (count == 1 ? redis.expire(key, limit.window().plusSeconds(1)) : Mono.just(true))
                        .thenReturn(count > limit.count()))
                .onErrorResume(e -> {
                    meters.counter("stack.gateway.rate_limit.unavailable").increment();
                    log.warn("Rate limit of {} not checked (Redis failed); letting the request through: {}", field,
                            e.toString());
                    return Mono.just(false);
                });
    }

    /** The STACK user of a bearer token the gateway has validated already (so its claims are read, not checked). */
    static String userOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            JWTClaimsSet claims = JWTParser.parse(authorization.substring(7).strip()).getJWTClaimsSet();
            return claims.getIssuer() == null || claims.getSubject() == null ? null
                    : UserIds.fromSubject(claims.getIssuer(), claims.getSubject()).toString();
        } catch (ParseException e) {
            return null;
        }
    }
}
