package com.stack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.stack.contracts.identity.UserIds;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The harness of a subgraph's integration test: the service runs on a random port against a fresh
 * database of its own, the test Kafka and a real token issuer, and the test calls its
 * {@code /graphql} as a signed-in user or anonymously, the way the gateway does.
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

    /**
     * How long a request may take before the test fails: generous, because the first request of a JVM warms
     * up token validation and the schema, on build machines shared by parallel builds.
     */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    /** Points the service under test at a fresh database named {@code database}, the test Kafka and {@link #ISSUER}. */
    protected static void registerService(DynamicPropertyRegistry registry, String database) {
        ServiceTestProperties.register(registry, database, ISSUER);
    }

    /** The service's GraphQL endpoint, called with a token {@link #ISSUER} signed for {@code subject}. */
    protected HttpGraphQlTester as(String subject) {
        WebTestClient client = WebTestClient.bindToServer().baseUrl(graphQlUrl()).responseTimeout(RESPONSE_TIMEOUT)
                .defaultHeader("Authorization", "Bearer " + ISSUER.token(subject, subject + "@example.com"))
                .build();
        return HttpGraphQlTester.create(client);
    }

    /** The service's GraphQL endpoint, called without a token. */
    protected HttpGraphQlTester anonymous() {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlUrl()).responseTimeout(RESPONSE_TIMEOUT)
                .build());
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
        return error -> code.equals(error.getExtensions().get("code")) && field.equals(error.getExtensions().get("field"));
    }

    /** For {@code errors().satisfy(...)}: exactly one error, with that {@code extensions.code}. */
    protected static Consumer<List<ResponseError>> oneErrorWithCode(String code) {
        return errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code));
    }

    /** For {@code errors().satisfy(...)}: at least one error, each with that {@code extensions.code}. */
    protected static Consumer<List<ResponseError>> onlyErrorsWithCode(String code) {
        return errors -> assertThat(errors).isNotEmpty()
                .allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", code));
    }

    private static TestIssuer startIssuer() {
        TestIssuer issuer = new TestIssuer();
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "test-issuer-stop"));
        return issuer;
    }
}
