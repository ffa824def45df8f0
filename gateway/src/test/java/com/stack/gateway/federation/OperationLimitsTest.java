package com.stack.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.stack.gateway.federation.compose.SubgraphSchema;
import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.compose.SupergraphComposer;
import com.stack.gateway.federation.execute.PlanExecutor;
import com.stack.gateway.federation.execute.SubgraphClient;
import com.stack.gateway.federation.limit.QueryLimits;
import com.stack.gateway.federation.protocol.GraphQlRequest;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's checks before any subgraph call (aliases, root fields, fields with fragments expanded,
 * estimated cost, introspection), and variables travelling to the subgraphs as variables: two real
 * subgraph HTTP endpoints record what they receive.
 */
class OperationLimitsTest {

    static final String USERS = SupergraphComposerTest.LINK + """
            type User @key(fields: "id") { id: ID! email: String }
            scalar Decimal
            input Note { text: String! tags: [String!] amount: Decimal }
            type Query { me: User! echo(text: String!, note: Note): String }
            """;
    static final String FUNDING = SupergraphComposerTest.LINK + """
            type Deposit { id: ID! amount: String }
            type User @key(fields: "id") { id: ID! balance: String deposits(first: Int = 20, memo: String): [Deposit!]! }
            """;

    final JsonMapper json = JsonMapper.builder().build();
    final ConcurrentLinkedQueue<Map<String, Object>> received = new ConcurrentLinkedQueue<>();
    final HttpServer users =
            subgraph("{\"data\":{\"me\":{\"email\":\"a@b\",\"_fk_id\":\"u1\",\"_fk__typename\":\"User\"},"
                    + "\"echo\":\"ok\"}}");
    final HttpServer funding = subgraph("{\"data\":{\"e0\":[{\"deposits\":[]}]}}");
    final Supergraph supergraph = SupergraphComposer.compose(List.of(
            new SubgraphSchema("users", url(users), USERS), new SubgraphSchema("funding", url(funding), FUNDING)));
    final PlanExecutor executor = new PlanExecutor(new SubgraphClient(
            WebClient.create(),
            Duration.ofSeconds(10),
            new SimpleMeterRegistry(),
            CircuitBreakerRegistry.ofDefaults()));

    @AfterEach
    void stop() {
        users.stop(0);
        funding.stop(0);
    }

    GraphQlResponse run(String query, Map<String, Object> variables, boolean introspection) {
        return new FederatedGraphQl(
                        supergraph, executor, new OperationRules(QueryLimits.defaults(), introspection, null))
                .execute(new GraphQlRequest(query, null, variables), "Bearer t")
                .block(Duration.ofSeconds(20));
    }

    GraphQlResponse run(String query) {
        return run(query, Map.of(), false);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> extensions(GraphQlResponse response) {
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) response.body().get("errors");
        return (Map<String, Object>) errors.get(0).get("extensions");
    }

    static void assertRefused(GraphQlResponse response, String code, long limit, long actual) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(extensions(response))
                .containsEntry("code", code)
                .containsEntry("limit", limit)
                .containsEntry("actual", actual);
    }

    @Test
    void argumentValuesOutOfBoundsAreBadUserInputNamingThemBeforeAnySubgraphIsCalled() {
        String echo = "query($t: String!, $n: Note) { echo(text: $t, note: $n) }";
        GraphQlResponse exponent = run("{ echo(text: \"x\", note: {text: \"y\", amount: \"1E+1000000\"}) }");
        assertThat(exponent.status()).isEqualTo(400);
        assertThat(extensions(exponent))
                .containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "echo.note.amount");
        assertThat(extensions(run(echo, Map.of("t", "x", "n", Map.of("text", "y", "amount", 12.5)), false)))
                .containsEntry("field", "echo.note.amount");
        assertThat(extensions(run(echo, Map.of("t", "x".repeat(513)), false))).containsEntry("field", "echo.text");
        assertThat(extensions(run(
                        echo,
                        Map.of("t", "x", "n", Map.of("text", "y", "tags", java.util.Collections.nCopies(101, "t"))),
                        false)))
                .containsEntry("field", "echo.note.tags");
        assertThat(received).isEmpty();

        assertThat(run(echo, Map.of("t", "x".repeat(512), "n", Map.of("text", "y", "amount", "12.50")), false)
                        .body())
                .doesNotContainKey("errors");
        assertThat(received).hasSize(1);
    }

    @Test
    void thousandsOfAliasesAreRefusedBeforeAnySubgraphIsCalled() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 1600; i++) {
            query.append(" a").append(i).append(": me { balance }");
        }
        assertRefused(run(query.append(" }").toString()), "TOO_MANY_ALIASES", 30, 1600);
        assertThat(received).isEmpty();
    }

    @Test
    void aFragmentSpreadManyTimesCountsEveryTime() {
        String fragment = "fragment f on User { id email balance }";
        String spreads = " ...f".repeat(200);
        assertRefused(run("{ me {" + spreads + " } } " + fragment), "TOO_MANY_FIELDS", 500, 601);

        // nested spreads multiply: 4 levels of 10 spreads of 3 fields would be 30,000 fields, counted in linear time
        String nested = "{ me { ...a } } fragment a on User {" + " ...b".repeat(10) + " } fragment b on User {"
                + " ...c".repeat(10) + " } fragment c on User {" + " ...d".repeat(10) + " } fragment d on User {"
                + " ...f".repeat(10) + " } " + fragment;
        assertRefused(run(nested), "TOO_MANY_FIELDS", 500, 30_001);
        assertThat(received).isEmpty();
    }

    @Test
    void rootFieldsAndCostHaveTheirOwnLimits() {
        String roots = "{" + " me { id }".repeat(11) + " }";
        assertRefused(run(roots), "TOO_MANY_ROOT_FIELDS", 10, 11);

        // me 1 + deposits (1 + 5 for the entity fetch + 400 x 2) + id 1 = 808; twice, aliased
        GraphQlResponse costly =
                run("{ me { id x: deposits(first: 400) { id amount } y: deposits(first: 400) { id amount } } }");
        assertRefused(costly, "QUERY_TOO_COSTLY", 1000, 1 + 1 + 2 * (1 + 5 + 400 * 2));

        String variableSize = "query($n: Int) { me { deposits(first: $n) { id amount } } }";
        assertRefused(run(variableSize, Map.of("n", 100_000), false), "QUERY_TOO_COSTLY", 1000, 1 + 1 + 5 + 200_000);
        assertThat(received).isEmpty();
    }

    @Test
    void introspectionIsRefusedUnlessTurnedOnButTypenameIsAnswered() {
        GraphQlResponse refused = run("{ __schema { queryType { name } } }");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(extensions(refused)).containsEntry("code", "INTROSPECTION_DISABLED");
        assertThat(extensions(run("query Q { ...t } fragment t on Query { __type(name: \"User\") { name } }")))
                .containsEntry("code", "INTROSPECTION_DISABLED");

        assertThat(run("{ __schema { queryType { name } } }", Map.of(), true).body())
                .doesNotContainKey("errors");
        assertThat(run("{ __typename }").body()).containsEntry("data", Map.of("__typename", "Query"));
    }

    @Test
    void variablesReachTheSubgraphsAsVariablesByteForByteAndTheQueryTextHoldsNoValue() {
        String hostile = "x\") { injected } #\"}\\\\\" \n\u0000 {\"a\": 1}";
        Map<String, Object> note = new java.util.LinkedHashMap<>();
        note.put("text", "\"}, tags: [\"forged\"]) { me { email } } #");
        note.put("tags", List.of("a\"b", "}{"));
        GraphQlResponse response = run("""
                query Q($t: String!, $note: Note, $memo: String) {
                  echo(text: $t, note: $note)
                  me { email deposits(first: 2, memo: $memo) { id } }
                }""", Map.of("t", hostile, "note", note, "memo", hostile), false);

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> root = received.stream()
                .filter(r -> String.valueOf(r.get("query")).contains("echo"))
                .findFirst()
                .orElseThrow();
        assertThat(root.get("query"))
                .isEqualTo("query($t: String!, $note: Note) {echo(text: $t, note: $note) "
                        + "me{email _fk_id:id _fk__typename:__typename}}");
        assertThat(root.get("variables")).isEqualTo(Map.of("t", hostile, "note", note));

        Map<String, Object> entities = received.stream()
                .filter(r -> String.valueOf(r.get("query")).contains("_entities"))
                .findFirst()
                .orElseThrow();
        assertThat(String.valueOf(entities.get("query")))
                .startsWith("query($memo: String, $r0: [_Any!]!)")
                .contains("deposits(first: 2, memo: $memo)")
                .doesNotContain("injected")
                .doesNotContain("forged");
        assertThat((Map<String, Object>) entities.get("variables"))
                .containsEntry("memo", hostile)
                .containsEntry("r0", List.of(Map.of("__typename", "User", "id", "u1")));
    }

    private HttpServer subgraph(String answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/graphql", exchange -> {
                received.add(json.readValue(
                        exchange.getRequestBody().readAllBytes(), new TypeReference<Map<String, Object>>() {}));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql";
    }
}
