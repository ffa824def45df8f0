package com.stack.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.stack.testsupport.TestIssuer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

/**
 * The user tokens' key set is fetched with a bounded wait and tried again: an issuer that accepts the
 * connection and does not answer costs a request one timeout, not the caller's whole patience.
 */
class KeySetFetchTest {

    /**
     * Each fetch's bound. Long enough that an answering fetch never runs out on a loaded machine (at 500 ms the
     * answering second fetch timed out too under a load of 9 on two cores, and the test failed): timing decides
     * nothing here, only the count of fetches and the outcome.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Bounds each verification so that a regression fails the test instead of hanging it. */
    static final Duration GUARD = Duration.ofSeconds(20);

    final TestIssuer issuer = new TestIssuer();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger fetches = new AtomicInteger();
    final ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer keys;
    String keySet;

    @BeforeEach
    void start() throws IOException {
        keySet = issuer.keySet();
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.setExecutor(handlers);
    }

    @AfterEach
    void stop() {
        release.countDown();
        keys.stop(0);
        handlers.shutdownNow();
        issuer.close();
    }

    /** Answers the key set from the {@code answerFrom}-th fetch on (1-based); earlier fetches get no answer. */
    private ReactiveJwtDecoder decoderAgainstKeysAnsweringFrom(int answerFrom) {
        keys.createContext("/jwks", exchange -> {
            if (fetches.incrementAndGet() < answerFrom) {
                hang(exchange);
                return;
            }
            byte[] body = keySet.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keys.start();
        String uri = "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks";
        return NimbusReactiveJwtDecoder.withJwkSetUri(uri)
                .webClient(SubgraphSecurityConfiguration.keySetClient(TIMEOUT, 2))
                .build();
    }

    private void hang(HttpExchange exchange) throws IOException {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    @Test
    void aFetchThatGetsNoAnswerIsTriedAgainAndTheTokenIsVerified() {
        ReactiveJwtDecoder decoder = decoderAgainstKeysAnsweringFrom(2);
        String token = issuer.token("user-1", "user-1@example.com");

        StepVerifier.create(decoder.decode(token))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("user-1"))
                .expectComplete()
                .verify(GUARD);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anIssuerThatNeverAnswersFailsTheTokenAfterTheRetriesInsteadOfHanging() {
        ReactiveJwtDecoder decoder = decoderAgainstKeysAnsweringFrom(Integer.MAX_VALUE);
        String token = issuer.token("user-1", "user-1@example.com");

        StepVerifier.create(decoder.decode(token)).expectError().verify(GUARD);
        assertThat(fetches).hasValue(3);
    }
}
