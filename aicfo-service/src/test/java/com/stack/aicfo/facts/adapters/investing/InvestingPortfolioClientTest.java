package com.stack.aicfo.facts.adapters.investing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.stack.aicfo.facts.adapters.investing.InvestingPortfolioClient.InvestingRefusedException;
import com.stack.aicfo.facts.adapters.investing.InvestingPortfolioClient.InvestingUnavailableException;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots.Position;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots.Snapshot;
import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.contracts.identity.ServiceTokens;
import com.stack.defaults.resilience.PartnerResilience;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The client against a local HTTP server standing in for investing's internal API (its JSON as
 * {@code InternalPortfolioApiTest} in investing asserts it): the request carries aicfo's own service token, the
 * answer becomes the snapshot exactly, a 503 is asked again, a 4xx is final, a silent investing times out.
 */
class InvestingPortfolioClientTest {

    static final String SECRET = "a-service-token-secret-long-enough-for-hs256";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String PORTFOLIO = """
            {"totalValueUsd":"2431.50","cashUsd":"150.25","dayChangeUsd":"11.25","positions":[
             {"symbol":"VTI","assetType":"ETF","quantity":"10","averagePrice":"200.50","marketValueUsd":"2100.00",
              "costBasisUsd":"2005.00","unrealizedPnlUsd":"95.00"},
             {"symbol":"BND","assetType":"ETF","quantity":"2.5","averagePrice":"72.123456","marketValueUsd":"181.25",
              "costBasisUsd":"180.31","unrealizedPnlUsd":"0.94"}],
             "asOf":"2026-12-07T10:15:30.123Z"}""";

    /** What the test's investing answers, one per request in order; the last one repeats. */
    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    final AtomicInteger served = new AtomicInteger();
    volatile Answer last;
    DisposableServer investing = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get("/internal/portfolios/{userId}", (request, response) -> {
                requests.add(new Request(
                        request.param("userId"), request.requestHeaders().get(HttpHeaders.AUTHORIZATION)));
                served.incrementAndGet();
                Answer answer = answers.poll();
                if (answer == null) {
                    answer = last;
                } else {
                    last = answer;
                }
                return answer.send(response);
            }))
            .bindNow();

    @AfterEach
    void stop() {
        investing.disposeNow();
    }

    InvestingPortfolioClient client(Duration timeout) {
        InvestingProperties properties = new InvestingProperties(
                URI.create("http://127.0.0.1:" + investing.port()),
                new PartnerResilience.Settings(
                        timeout, 3, Duration.ofMillis(10), Duration.ofMillis(50), 50, 10, 20, Duration.ofSeconds(10)));
        return new InvestingPortfolioClient(
                WebClient.builder(), properties, new ServiceTokenIssuer("aicfo-service", SECRET, Clock.systemUTC()));
    }

    @Test
    void asksForTheUsersPortfolioWithAicfosServiceTokenAndReadsItExactly() throws Exception {
        answers.add(Answer.json(200, PORTFOLIO));
        UUID user = UUID.randomUUID();

        Snapshot snapshot = client(Duration.ofSeconds(3)).of(user).block(WAIT);

        assertThat(snapshot.totalValueUsd()).isEqualTo(new BigDecimal("2431.50"));
        assertThat(snapshot.cashUsd()).isEqualTo(new BigDecimal("150.25"));
        assertThat(snapshot.dayChangeUsd()).isEqualTo(new BigDecimal("11.25"));
        assertThat(snapshot.asOf()).isEqualTo(Instant.parse("2026-12-07T10:15:30.123Z"));
        assertThat(snapshot.positions())
                .containsExactly(
                        new Position(
                                "VTI",
                                "ETF",
                                new BigDecimal("10"),
                                new BigDecimal("200.50"),
                                new BigDecimal("2100.00"),
                                new BigDecimal("2005.00"),
                                new BigDecimal("95.00")),
                        new Position(
                                "BND",
                                "ETF",
                                new BigDecimal("2.5"),
                                new BigDecimal("72.123456"),
                                new BigDecimal("181.25"),
                                new BigDecimal("180.31"),
                                new BigDecimal("0.94")));

        Request request = requests.remove();
        assertThat(request.userId()).isEqualTo(user.toString());
        assertThat(request.authorization()).startsWith("Bearer ");
        SignedJWT token = SignedJWT.parse(request.authorization().substring("Bearer ".length()));
        assertThat(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(ServiceTokens.ISSUER);
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(ServiceTokens.AUDIENCE);
        assertThat(token.getJWTClaimsSet().getStringClaim(ServiceTokens.SIGNER_CLAIM))
                .isEqualTo("aicfo-service");
        assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    @Test
    void investingWithoutPricesIsAskedAgainUntilItAnswers() {
        answers.add(Answer.json(503, "{\"code\":\"BUSY\",\"message\":\"Prices are not available right now\"}"));
        answers.add(Answer.json(200, PORTFOLIO));

        Snapshot snapshot = client(Duration.ofSeconds(3)).of(UUID.randomUUID()).block(WAIT);

        assertThat(snapshot.totalValueUsd()).isEqualTo(new BigDecimal("2431.50"));
        assertThat(served).hasValue(2);
    }

    @Test
    void investingUnavailableOnEveryAttemptIsUnavailableNamingTheStatus() {
        answers.add(Answer.json(503, "{\"code\":\"BUSY\",\"message\":\"Prices are not available right now\"}"));

        assertThatThrownBy(() ->
                        client(Duration.ofSeconds(3)).of(UUID.randomUUID()).block(WAIT))
                .isInstanceOf(InvestingUnavailableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("BUSY");
        assertThat(served).hasValue(3);
    }

    @Test
    void aRefusalIsFinalAndNotAskedAgain() {
        answers.add(Answer.json(403, ""));

        assertThatThrownBy(() ->
                        client(Duration.ofSeconds(3)).of(UUID.randomUUID()).block(WAIT))
                .isInstanceOf(InvestingRefusedException.class)
                .hasMessageContaining("HTTP 403");
        assertThat(served).hasValue(1);
    }

    @Test
    void anAnswerThatIsNoPortfolioIsRefused() {
        answers.add(Answer.json(200, "{\"cashUsd\":\"1.00\",\"positions\":[]}"));

        assertThatThrownBy(() ->
                        client(Duration.ofSeconds(3)).of(UUID.randomUUID()).block(WAIT))
                .isInstanceOf(InvestingRefusedException.class);
        assertThat(served).hasValue(1);
    }

    @Test
    void aSilentInvestingTimesOutOnEveryAttempt() {
        answers.add(Answer.delayed(Duration.ofSeconds(5), PORTFOLIO));

        long started = System.nanoTime();
        assertThatThrownBy(() ->
                        client(Duration.ofMillis(200)).of(UUID.randomUUID()).block(WAIT))
                .isInstanceOf(InvestingUnavailableException.class)
                .hasMessageContaining("TimeoutException");
        assertThat(served).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    record Request(String userId, String authorization) {}

    record Answer(int status, String body, Duration delay) {

        static Answer json(int status, String body) {
            return new Answer(status, body, Duration.ZERO);
        }

        static Answer delayed(Duration delay, String body) {
            return new Answer(200, body, delay);
        }

        Mono<Void> send(HttpServerResponse response) {
            return Mono.delay(delay)
                    .then(response.status(status)
                            .header(HttpHeaders.CONTENT_TYPE, "application/json")
                            .sendString(Mono.just(body))
                            .then());
        }
    }
}
