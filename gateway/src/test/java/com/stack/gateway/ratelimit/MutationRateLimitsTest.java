package com.stack.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Per-user budgets of expensive mutations, against the real Redis on 6379 and against a Redis that is not
 * there: every occurrence of a field counts (aliases included), and without Redis the same limit is
 * counted in this instance's memory instead of letting everything through.
 */
class MutationRateLimitsTest {

    static final Duration WITHIN = Duration.ofSeconds(10);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final String authorization = "Bearer "
            + new PlainJWT(new JWTClaimsSet.Builder()
                            .issuer("https://issuer.example")
                            .subject("auth0|" + UUID.randomUUID())
                            .build())
                    .serialize();
    LettuceConnectionFactory connections;

    MutationRateLimits limitsOn(int redisPort, String limit) {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort));
        connections.afterPropertiesSet();
        connections.start();
        return new MutationRateLimits(
                new ReactiveStringRedisTemplate(connections),
                Map.of("initiateWithdrawal", MutationRateLimits.Limit.parse(limit)),
                meters,
                Duration.ofMillis(500),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    GraphQlResponse refusal(MutationRateLimits limits, int occurrences) {
        return limits.refusal(Collections.nCopies(occurrences, "initiateWithdrawal"), authorization)
                .block(WITHIN);
    }

    @Test
    void everyAliasedOccurrenceCountsAgainstTheBudget() {
        MutationRateLimits limits = limitsOn(6379, "3/1h");

        assertThat(refusal(limits, 2)).as("2 of 3").isNull();
        GraphQlResponse refused = refusal(limits, 2);

        assertThat(refused).as("4 of 3").isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().toString()).contains("RATE_LIMITED");
        assertThat(meters.find("stack.gateway.rate_limit.unavailable").counter())
                .isNull();
    }

    @Test
    void oneOperationWithMoreOccurrencesThanTheBudgetIsRefusedOutright() {
        MutationRateLimits limits = limitsOn(6379, "3/1h");

        assertThat(refusal(limits, 4)).isNotNull();
    }

    @Test
    void withoutRedisTheSameLimitIsCountedInThisInstance() throws IOException {
        MutationRateLimits limits = limitsOn(unusedPort(), "2/1h");

        assertThat(refusal(limits, 1)).isNull();
        assertThat(refusal(limits, 1)).isNull();
        GraphQlResponse refused = refusal(limits, 1);

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(meters.counter("stack.gateway.rate_limit.unavailable").count())
                .isEqualTo(3);
        assertThat(limits.refusal(List.of("placeOrder"), authorization).block(WITHIN))
                .as("an unlimited field")
                .isNull();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
