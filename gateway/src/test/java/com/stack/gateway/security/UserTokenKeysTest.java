package com.stack.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.stack.testsupport.TestIssuer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

/**
 * The gateway's fetch of the user tokens' key set: bounded and retried against an issuer that never
 * answers (the token is refused as invalid, which the resource server answers with 401, instead of the
 * request hanging), and at most one fetch per interval however many tokens name an unknown {@code kid}.
 */
class UserTokenKeysTest {

    static final Duration GUARD = Duration.ofSeconds(20);

    final TestIssuer issuer = new TestIssuer();
    final TestIssuer stranger = new TestIssuer();
    final AtomicInteger fetches = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    final ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer keys;

    @BeforeEach
    void start() throws IOException {
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.setExecutor(handlers);
    }

    @AfterEach
    void stop() {
        release.countDown();
        keys.stop(0);
        handlers.shutdownNow();
        issuer.close();
        stranger.close();
    }

    ReactiveJwtDecoder decoder(boolean answers, Duration refetchInterval) {
        keys.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            if (!answers) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] body = issuer.keySet().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keys.start();
        String uri = "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks";
        return UserTokenKeys.decoder(
                uri,
                issuer.issuer(),
                List.of(TestIssuer.AUDIENCE),
                UserTokenKeys.keySetClient(
                        Duration.ofMillis(300), Duration.ofMillis(300), 2, refetchInterval, Clock.systemUTC()));
    }

    @Test
    void anIssuerThatNeverAnswersRefusesTheTokenAfterBoundedRetries() {
        ReactiveJwtDecoder decoder = decoder(false, Duration.ofSeconds(30));

        StepVerifier.create(decoder.decode(issuer.token("user-1", "u@example.com")))
                .expectError(BadJwtException.class)
                .verify(GUARD);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void tokensWithUnknownKeyIdsDoNotFetchTheKeySetAgainWithinTheInterval() {
        ReactiveJwtDecoder decoder = decoder(true, Duration.ofSeconds(30));
        StepVerifier.create(decoder.decode(issuer.token("user-1", "u@example.com")))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("user-1"))
                .expectComplete()
                .verify(GUARD);

        for (int i = 0; i < 25; i++) {
            String unknownKid = stranger.sign(issuer.claims("user-" + i).build());
            StepVerifier.create(decoder.decode(unknownKid))
                    .expectError(BadJwtException.class)
                    .verify(GUARD);
        }

        assertThat(fetches).hasValue(1);
        StepVerifier.create(decoder.decode(issuer.token("user-2", "u@example.com")))
                .expectNextCount(1)
                .expectComplete()
                .verify(GUARD);
    }

    @Test
    void afterTheIntervalAnUnknownKeyIdFetchesTheKeySetOnce() {
        ReactiveJwtDecoder decoder = decoder(true, Duration.ZERO);
        StepVerifier.create(decoder.decode(stranger.sign(issuer.claims("user-1").build())))
                .expectError(BadJwtException.class)
                .verify(GUARD);
        int afterFirst = fetches.get();

        StepVerifier.create(decoder.decode(stranger.sign(issuer.claims("user-1").build())))
                .expectError(BadJwtException.class)
                .verify(GUARD);

        assertThat(fetches.get()).isGreaterThan(afterFirst);
    }
}
