package com.stack.aicfo.analysis.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.stack.aicfo.AicfoApplication;
import com.stack.aicfo.AicfoServiceTest;
import com.stack.aicfo.analyst.adapters.model.ModelSandbox;
import com.stack.contracts.identity.ServiceTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two aicfo instances on one database, both asking the sandbox's OpenAI-compatible model: requests of one user that
 * arrive at both while an analysis is being written make one generation (one model call, one stored analysis, one
 * request counted), and every request answers the same analysis.
 */
class AnalysisAcrossInstancesTest extends AicfoServiceTest {

    static final ModelSandbox SANDBOX = ModelSandbox.shared();
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String REQUEST = "mutation { requestPortfolioAnalysis { id kind } }";
    /** What the second instance shares with this test's: the database, Kafka, the token issuer. */
    static final List<String> SHARED = List.of(
            "stack.database",
            "stack.db.host",
            "stack.db.port",
            "stack.db.username",
            "stack.db.password",
            "stack.kafka.bootstrap-servers",
            "stack.messaging.topic-suffix",
            "stack.features.key",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.audiences",
            ServiceTokens.SECRET_PROPERTY,
            "stack.aicfo.weekly.enabled",
            "stack.aicfo.on-demand.max-per-window",
            "stack.aicfo.model.provider",
            "stack.aicfo.model.base-url");

    static ConfigurableApplicationContext second;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("stack.aicfo.model.provider", () -> "openai");
        registry.add("stack.aicfo.model.base-url", () -> SANDBOX.url("/openai/v1"));
    }

    @Autowired
    Environment environment;

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void secondInstance() {
        SANDBOX.control()
                .delete()
                .uri("/openai/requests")
                .retrieve()
                .toBodilessEntity()
                .block(TIMEOUT);
        if (second != null) {
            return;
        }
        SpringApplication application = AicfoApplication.application();
        application.addPrimarySources(List.of(Doubles.class));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--stack.messaging.consumer-group=" + environment.getProperty("stack.messaging.consumer-group")
                        + "-b"));
        SHARED.forEach(key -> args.add("--" + key + "=" + environment.getRequiredProperty(key)));
        second = application.run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    HttpGraphQlTester at(int instancePort, String subject) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + instancePort + "/graphql")
                .responseTimeout(TIMEOUT)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.token(subject, subject + "@example.com"))
                .build());
    }

    CompletableFuture<String> requestAt(int instancePort, String subject) {
        return Mono.fromCallable(() -> at(instancePort, subject)
                        .document(REQUEST)
                        .execute()
                        .errors()
                        .verify()
                        .path("requestPortfolioAnalysis.id")
                        .entity(String.class)
                        .get())
                .subscribeOn(Schedulers.boundedElastic())
                .toFuture();
    }

    long count(String sql, UUID user) {
        return db.sql(sql)
                .bind("user", user)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> modelCalls() {
        return (List<Map<String, Object>>)
                SANDBOX.controlGet("/openai/requests").get("requests");
    }

    @Test
    void requestsOfOneUserOnTwoInstancesJoinOneGeneration() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
        PORTFOLIOS.hold(user);

        // the first instance claims the run and waits on investing; the others arrive meanwhile, at both instances
        CompletableFuture<String> first = requestAt(port, subject);
        await().atMost(TIMEOUT).until(() -> PORTFOLIOS.calls(user) == 1);
        List<CompletableFuture<String>> joiners =
                List.of(requestAt(secondPort, subject), requestAt(secondPort, subject), requestAt(port, subject));
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(joiners).noneMatch(CompletableFuture::isDone);
        PORTFOLIOS.release(user);

        String id = first.join();
        assertThat(joiners).allSatisfy(joiner -> assertThat(joiner.join()).isEqualTo(id));
        assertThat(PORTFOLIOS.calls(user)).isEqualTo(1);
        assertThat(modelCalls()).hasSize(1);
        assertThat(count("SELECT count(*) FROM ai_summaries WHERE user_id = :user", user))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM analysis_requests WHERE user_id = :user", user))
                .isEqualTo(1);
        assertThat(db.sql("SELECT state || '/' || summary_id FROM analysis_runs WHERE user_id = :user")
                        .bind("user", user)
                        .map(row -> row.get(0, String.class))
                        .all()
                        .collectList()
                        .block(TIMEOUT))
                .containsExactly("done/" + id);
        assertThat(db.sql("SELECT analyst FROM ai_summaries WHERE user_id = :user")
                        .bind("user", user)
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("openai");
    }
}
