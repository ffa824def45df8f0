package com.stack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.stack.contracts.identity.UserIds;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The harness of a subgraph's integration test: the service runs on a random port against a fresh
 * database of its own, the test Kafka and a real token issuer, and the test calls its
 * {@code /graphql} the way the gateway does: with a signed-in user's token ({@link #as}) or with the
 * gateway's own service token ({@link #asGateway}), which reads the schema but acts for no user.
 *
 * <p>It also carries the tests every subgraph must pass, so each subgraph's test inherits them: no
 * token, or any bad token, is refused with 401; probes and partner webhooks need no token.
 *
 * <p>A subclass carries its own {@code @SpringBootTest(classes = ..., webEnvironment = RANDOM_PORT)}
 * and a one-line {@code @DynamicPropertySource} that names its database:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void properties(DynamicPropertyRegistry registry) {
 *     registerService(registry, "stack_wallet_test");
 * }
 * }</pre>
 */
public abstract class SubgraphIntegrationTest {

    /**
     * One token issuer for the JVM, shared by every subgraph test in it; it stops with the JVM, so no
     * test class can close it under another one (or under a cached application context).
     */
    protected static final TestIssuer ISSUER = startIssuer();

    /** How long a call may take before the test fails (see {@link GraphQlHttp#RESPONSE_TIMEOUT}). */
    protected static final Duration RESPONSE_TIMEOUT = GraphQlHttp.RESPONSE_TIMEOUT;

    @LocalServerPort
    protected int port;

    /** Points the service under test at a fresh database named {@code database}, the test Kafka and {@link #ISSUER}. */
    protected static void registerService(DynamicPropertyRegistry registry, String database) {
        ServiceTestProperties.register(registry, database, ISSUER);
    }

    /** The service's GraphQL endpoint, called with a token {@link #ISSUER} signed for {@code subject}. */
    protected HttpGraphQlTester as(String subject) {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .responseTimeout(RESPONSE_TIMEOUT)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.token(subject, subject + "@example.com"))
                .build();
        return HttpGraphQlTester.create(client);
    }

    /**
     * The service's GraphQL endpoint, called with the gateway's service token, as the gateway fetches
     * the schema: it reads {@code _service { sdl }}, and operations that act for a user answer
     * UNAUTHENTICATED.
     */
    protected HttpGraphQlTester asGateway() {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .responseTimeout(RESPONSE_TIMEOUT)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.serviceToken())
                .build();
        return HttpGraphQlTester.create(client);
    }

    /** The service's GraphQL endpoint, called without a token: every request is refused with 401. */
    protected HttpGraphQlTester anonymous() {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .responseTimeout(RESPONSE_TIMEOUT)
                .build());
    }

    /** POSTs {@code query} to {@code /graphql} with that bearer token (none if null), for the HTTP status and headers. */
    protected WebTestClient.ResponseSpec postGraphQl(String bearerToken, String query) {
        return GraphQlHttp.post(graphQlUrl(), bearerToken, query);
    }

    protected String graphQlUrl() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    /** A subject no other test uses, in the identity provider's format. */
    protected static String newSubject() {
        return "auth0|" + UUID.randomUUID();
    }

    /** The STACK user id every service derives for {@code subject} from {@link #ISSUER}'s tokens. */
    protected static UUID userIdOf(String subject) {
        return UserIds.fromSubject(ISSUER.issuer(), subject);
    }

    /** The federation representation of a user, for an {@code _entities} query's {@code _Any!} variable. */
    protected static Map<String, Object> userRepresentation(UUID userId) {
        return Map.of("__typename", "User", "id", userId.toString());
    }

    /** The list of that one representation, for an {@code _entities} query's {@code [_Any!]!} variable. */
    protected static List<Map<String, Object>> userRepresentations(UUID userId) {
        return List.of(userRepresentation(userId));
    }

    /** For {@code errors().expect(...)}: an error whose {@code extensions.code} is {@code code}. */
    protected static Predicate<ResponseError> errorWithCode(String code) {
        return error -> code.equals(error.getExtensions().get("code"));
    }

    /** For {@code errors().expect(...)}: an error with that {@code extensions.code} and {@code extensions.field}. */
    protected static Predicate<ResponseError> errorWithCode(String code, String field) {
        return error -> code.equals(error.getExtensions().get("code"))
                && field.equals(error.getExtensions().get("field"));
    }

    /** For {@code errors().satisfy(...)}: exactly one error, with that {@code extensions.code}. */
    protected static Consumer<List<ResponseError>> oneErrorWithCode(String code) {
        return errors -> assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code));
    }

    /** For {@code errors().satisfy(...)}: at least one error, each with that {@code extensions.code}. */
    protected static Consumer<List<ResponseError>> onlyErrorsWithCode(String code) {
        return errors -> assertThat(errors)
                .isNotEmpty()
                .allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", code));
    }

    // --- what every subgraph must do, inherited by each subgraph's test ---

    @Test
    public void graphQlWithoutATokenIsRefusedWith401() {
        postGraphQl(null, "{ _service { sdl } }")
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    public void aUserIdHeaderIsNoCredential() {
        UUID someone = userIdOf(newSubject());
        WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .build()
                .post()
                .header("X-User-Id", someone.toString())
                .header("X-Forwarded-User", someone.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ _service { sdl } }"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    public void badTokensAreRefusedWith401() {
        ISSUER.invalidTokens(newSubject())
                .forEach((kind, token) -> postGraphQl(token, "{ _service { sdl } }")
                        .expectStatus()
                        .value(status -> assertThat(status).as(kind).isEqualTo(401)));
    }

    @Test
    public void theGatewaysServiceTokenReadsTheSchema() {
        asGateway()
                .document("{ _service { sdl } }")
                .execute()
                .errors()
                .verify()
                .path("_service.sdl")
                .entity(String.class)
                .satisfies(sdl -> assertThat(sdl).contains("@key"));
    }

    @Test
    public void probesAndPartnerWebhooksNeedNoToken() {
        WebTestClient client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // no such webhook: answered by the service (404), not refused for want of a token
        client.post()
                .uri("/webhooks/no-such-partner")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isNotIn(401, 403));
    }

    private static TestIssuer startIssuer() {
        TestIssuer issuer = new TestIssuer();
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "test-issuer-stop"));
        return issuer;
    }
}
