package com.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.fakesubgraph.FakeFundingSubgraph;
import com.stack.testsupport.GraphQlHttp;
import com.stack.testsupport.PrometheusScrape;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import com.stack.testsupport.TestSocket;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Subscriptions through the gateway over WebSocket ({@code graphql-transport-ws} at {@code /graphql}):
 * funding is a real Spring for GraphQL subgraph ({@link FakeFundingSubgraph}), onboarding a scripted
 * one that misbehaves on purpose ({@link ScriptedSubgraph}), the others HTTP stubs; wallet adds a
 * field to funding's {@code Deposit}, so a subscription can ask for another subgraph's data.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "logging.structured.format.console=",
            "stack.gateway.websocket.connection-init-timeout=2s",
            // a generous handshake deadline for a loaded 2-core build machine; no test here waits for it
            "stack.gateway.subgraph-timeout=30s"
        })
class GatewaySubscriptionTest {

    static final TestIssuer ISSUER = new TestIssuer();
    static final StubSubgraphs STUBS = new StubSubgraphs(
            Map.of("wallet", "\\ntype Deposit @key(fields: \\\"id\\\") { id: ID! walletNote: String }"));
    static final FakeFundingSubgraph FUNDING = FakeFundingSubgraph.start(ISSUER);
    static final ScriptedSubgraph ONBOARDING = new ScriptedSubgraph();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerIssuer(registry, ISSUER);
        for (String name : StubSubgraphs.NAMES) {
            String url = switch (name) {
                case "funding" -> FUNDING.url();
                case "onboarding" -> ONBOARDING.url();
                default -> STUBS.url(name);
            };
            registry.add("STACK_" + name.toUpperCase() + "_URL", () -> url);
        }
    }

    @AfterAll
    static void stop() {
        FUNDING.stop();
        ONBOARDING.close();
        STUBS.close();
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    // --- relaying ---

    @Test
    void aSubscriptionIsRelayedInOrderFromTheOwningSubgraphWithTheCallersToken() {
        String subject = "auth0|" + UUID.randomUUID();
        String token = ISSUER.token(subject, "ada@example.com");
        int connectionsBefore = FUNDING.connectionInits().size();

        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send(subscribe("1", "subscription { update: depositUpdated { ref: id status owner } }"));

            for (int i = 1; i <= 3; i++) {
                assertThat(socket.next())
                        .isEqualTo(Map.of(
                                "id",
                                "1",
                                "type",
                                "next",
                                "payload",
                                Map.of(
                                        "data",
                                        Map.of(
                                                "update",
                                                Map.of(
                                                        "ref",
                                                        "deposit-" + i,
                                                        "status",
                                                        "STEP_" + i,
                                                        "owner",
                                                        subject)))));
            }
            assertThat(socket.next()).isEqualTo(Map.of("id", "1", "type", "complete"));

            // the open socket and the ended subscription, as the management port's Prometheus endpoint shows them
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + managementPort);
                assertThat(scrape.value("stack_gateway_websocket_connections")).isGreaterThanOrEqualTo(1);
                assertThat(scrape.value("stack_gateway_subscriptions_active")).isGreaterThanOrEqualTo(0);
                assertThat(scrape.value(
                                "stack_gateway_requests_seconds_count",
                                "operation",
                                "anonymous",
                                "type",
                                "subscription",
                                "outcome",
                                "ok"))
                        .isGreaterThanOrEqualTo(1);
            });
        }

        // the caller's token reached the subgraph in the upgrade's header (which authenticated the
        // session, so the resolver saw the caller: "owner" above) and in connection_init's payload
        assertThat(FUNDING.connectionInits())
                .hasSize(connectionsBefore + 1)
                .last()
                .satisfies(init -> {
                    assertThat(init.upgradeAuthorization()).isEqualTo("Bearer " + token);
                    assertThat(init.payload()).containsEntry("Authorization", "Bearer " + token);
                });
    }

    @Test
    void theTokenMayComeInTheUpgradeHeaderAndSubscriptionsRunSideBySide() {
        String subject = "auth0|" + UUID.randomUUID();
        try (TestSocket socket = TestSocket.open(
                port, "/graphql", "Bearer " + ISSUER.token(subject, null), List.of(TestSocket.SUBPROTOCOL))) {
            socket.send(Map.of("type", "connection_init"));
            assertThat(socket.next()).containsEntry("type", "connection_ack");
            socket.send(subscribe("a", "subscription { depositUpdated { id owner } }"));
            socket.send(subscribe("b", "subscription { depositUpdated { status } }"));

            Map<Object, List<Object>> byId = new LinkedHashMap<>();
            int completed = 0;
            while (completed < 2) {
                Map<String, Object> message = socket.next();
                if (message.get("type").equals("complete")) {
                    completed++;
                } else {
                    assertThat(message).containsEntry("type", "next");
                    byId.computeIfAbsent(message.get("id"), id -> new ArrayList<>())
                            .add(depositOf(message));
                }
            }

            assertThat(byId.get("a"))
                    .containsExactly(
                            Map.of("id", "deposit-1", "owner", subject),
                            Map.of("id", "deposit-2", "owner", subject),
                            Map.of("id", "deposit-3", "owner", subject));
            assertThat(byId.get("b"))
                    .containsExactly(
                            Map.of("status", "STEP_1"), Map.of("status", "STEP_2"), Map.of("status", "STEP_3"));
        }
    }

    @Test
    void theClientsCompleteIsSentToTheSubgraphAndNothingMoreArrivesForIt() {
        try (TestSocket socket =
                acknowledged(TestSocket.open(port), ISSUER.token("auth0|" + UUID.randomUUID(), null))) {
            int completedBefore = FUNDING.completedByClient().size();
            socket.send(subscribe("w", "subscription { withdrawalUpdated(id: \"w-1\") { id status } }"));
            assertThat(socket.next()).containsEntry("type", "next").containsEntry("id", "w");

            socket.send(Map.of("id", "w", "type", "complete"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> FUNDING.completedByClient().size() > completedBefore);
            socket.send(Map.of("type", "ping"));
            Map<String, Object> message = socket.next();
            while (!message.get("type").equals("pong")) {
                message = socket.next(); // events already in flight when the client completed
            }
            assertThat(socket.nextWithin(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void whenTheClientGoesAwayTheSubgraphsSocketIsClosedToo() {
        String token = ISSUER.token("auth0|" + UUID.randomUUID(), null);
        TestSocket socket = acknowledged(TestSocket.open(port), token);
        socket.send(subscribe("w", "subscription { withdrawalUpdated(id: \"w-5\") { status } }"));
        assertThat(socket.next()).containsEntry("type", "next");

        socket.close();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> FUNDING.closedConnections().contains("Bearer " + token));
    }

    @Test
    void whenTheSubgraphDropsTheConnectionTheClientGetsSubgraphUnavailableAndKeepsItsSocket() {
        String token = ISSUER.token("auth0|" + UUID.randomUUID(), null);
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send(subscribe("1", "subscription { brokenStream { id text } }"));

            assertThat(socket.next())
                    .isEqualTo(Map.of(
                            "id",
                            "1",
                            "type",
                            "next",
                            "payload",
                            Map.of("data", Map.of("brokenStream", Map.of("id", "n-1", "text", "hello")))));
            Map<String, Object> error = socket.next();
            assertThat(error).containsEntry("id", "1").containsEntry("type", "error");
            assertThat(firstError(error)).containsEntry("extensions", Map.of("code", "SUBGRAPH_UNAVAILABLE"));
            assertThat((String) firstError(error).get("message")).contains("onboarding");

            // the socket still serves
            socket.send(subscribe("2", "subscription { depositUpdated { id } }"));
            assertThat(socket.next()).containsEntry("id", "2").containsEntry("type", "next");
        }
        assertThat(ONBOARDING.received())
                .filteredOn(r -> "subscribe".equals(r.message().get("type")))
                .last()
                .extracting(ScriptedSubgraph.Received::upgradeAuthorization)
                .isEqualTo("Bearer " + token);
    }

    @Test
    void aSelectionNeedingAnotherSubgraphIsRefusedNamingTheField() {
        int connectionsBefore = FUNDING.connectionInits().size();
        try (TestSocket socket =
                acknowledged(TestSocket.open(port), ISSUER.token("auth0|" + UUID.randomUUID(), null))) {
            socket.send(subscribe("1", "subscription { depositUpdated { id walletNote } }"));

            Map<String, Object> error = socket.next();
            assertThat(error).containsEntry("id", "1").containsEntry("type", "error");
            assertThat(firstError(error))
                    .containsEntry("extensions", Map.of("code", "SUBSCRIPTION_FIELD_NOT_SUPPORTED"));
            assertThat((String) firstError(error).get("message"))
                    .contains("Deposit.walletNote")
                    .contains("funding");

            socket.send(Map.of("type", "ping"));
            assertThat(socket.next()).isEqualTo(Map.of("type", "pong"));
        }
        assertThat(FUNDING.connectionInits()).hasSize(connectionsBefore);
    }

    @Test
    void anInvalidSubscriptionGetsAnErrorAndQueriesAreAnsweredOverTheSocketToo() {
        try (TestSocket socket =
                acknowledged(TestSocket.open(port), ISSUER.token("auth0|" + UUID.randomUUID(), null))) {
            socket.send(subscribe("bad", "subscription { noSuchField }"));
            Map<String, Object> error = socket.next();
            assertThat(error).containsEntry("id", "bad").containsEntry("type", "error");
            assertThat(firstError(error).get("extensions"))
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("code", "GRAPHQL_VALIDATION_FAILED");

            socket.send(subscribe("q", "{ walletGreeting }"));
            assertThat(socket.next())
                    .isEqualTo(Map.of(
                            "id",
                            "q",
                            "type",
                            "next",
                            "payload",
                            Map.of("data", Map.of("walletGreeting", "hello from wallet"))));
            assertThat(socket.next()).isEqualTo(Map.of("id", "q", "type", "complete"));
        }
    }

    // --- authentication ---

    @Test
    void withoutAValidTokenTheSocketClosesWith4401() {
        try (TestSocket socket = TestSocket.open(port)) {
            socket.send(Map.of("type", "connection_init"));
            assertThat(socket.closeStatus().getCode()).isEqualTo(4401);
        }
        Map<String, String> tokens = new LinkedHashMap<>(ISSUER.invalidTokens("auth0|" + UUID.randomUUID()));
        tokens.put("a valid service token (for the subgraphs, never the edge)", ISSUER.serviceToken());
        tokens.forEach((kind, token) -> {
            try (TestSocket socket = TestSocket.open(port)) {
                socket.send(connectionInit(token));
                assertThat(socket.closeStatus().getCode()).as(kind).isEqualTo(4401);
            }
        });
        try (TestSocket socket = TestSocket.open(
                port, "/graphql", "Bearer " + tokens.get("an expired token"), List.of(TestSocket.SUBPROTOCOL))) {
            socket.send(Map.of("type", "connection_init"));
            CloseStatus status = socket.closeStatus();
            assertThat(status.getCode()).isEqualTo(4401);
            assertThat(status.getReason()).isEqualTo("The access token has expired: sign in again");
        }
    }

    @Test
    void subscribingBeforeTheConnectionIsAcknowledgedClosesWith4401() {
        try (TestSocket socket = TestSocket.open(port)) {
            socket.send(subscribe("1", "subscription { depositUpdated { id } }"));
            assertThat(socket.closeStatus().getCode()).isEqualTo(4401);
        }
    }

    @Test
    void theSocketClosesWith4401WhenTheTokenExpires() {
        String token =
                ISSUER.token("auth0|" + UUID.randomUUID(), null, Instant.now().plusSeconds(3));
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send(subscribe("w", "subscription { withdrawalUpdated(id: \"w-2\") { status } }"));

            CloseStatus status = socket.closeStatus();
            assertThat(status.getCode()).isEqualTo(4401);
            assertThat(status.getReason()).isEqualTo("The access token has expired: sign in again");
        }
    }

    @Test
    void onlyGraphQlUpgradesPassWithoutATokenAndHttpStaysProtected() {
        try (TestSocket socket = TestSocket.open(port, "/elsewhere", null, List.of(TestSocket.SUBPROTOCOL))) {
            assertThat(socket.failure()).hasMessageContaining("401");
        }
        WebTestClient http =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        http.get()
                .uri(uri -> uri.path("/graphql").queryParam("query", "{q}").build("{ walletGreeting }"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        GraphQlHttp.post(
                        "http://127.0.0.1:" + port + "/graphql",
                        ISSUER.token("auth0|" + UUID.randomUUID(), null),
                        "subscription { depositUpdated { id } }")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("SUBSCRIPTION_NOT_SUPPORTED")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("WebSocket"));
    }

    // --- protocol ---

    @Test
    void protocolViolationsCloseTheSocketWithTheProtocolsCodes() {
        String token = ISSUER.token("auth0|" + UUID.randomUUID(), null);
        try (TestSocket socket = TestSocket.open(port)) {
            assertThat(socket.closeStatus().getCode())
                    .as("no connection_init in time")
                    .isEqualTo(4408);
        }
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send(connectionInit(token));
            assertThat(socket.closeStatus().getCode())
                    .as("a second connection_init")
                    .isEqualTo(4429);
        }
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            // the id is in use from its subscribe on, whether or not the subgraph has answered yet
            socket.send(subscribe("same", "subscription { withdrawalUpdated(id: \"w-3\") { status } }"));
            socket.send(subscribe("same", "subscription { withdrawalUpdated(id: \"w-4\") { status } }"));
            CloseStatus status = socket.closeStatus();
            assertThat(status.getCode()).as("an id in use").isEqualTo(4409);
            assertThat(status.getReason()).isEqualTo("Subscriber for same already exists");
        }
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send("{not json");
            assertThat(socket.closeStatus().getCode()).as("not JSON").isEqualTo(4400);
        }
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send(Map.of("type", "next", "id", "1"));
            assertThat(socket.closeStatus().getCode())
                    .as("a server's message type")
                    .isEqualTo(4400);
        }
        try (TestSocket socket = acknowledged(TestSocket.open(port), token)) {
            socket.send(subscribe("big", "{ walletGreeting }" + " ".repeat(300 * 1024)));
            assertThat(socket.closeStatus().getCode())
                    .as("larger than max-request-bytes")
                    .isEqualTo(1009);
        }
        try (TestSocket socket = TestSocket.open(port, "/graphql", null, List.of())) {
            assertThat(socket.closeStatus().getCode()).as("no subprotocol").isEqualTo(4406);
        }
    }

    // --- helpers ---

    private static TestSocket acknowledged(TestSocket socket, String token) {
        socket.send(connectionInit(token));
        assertThat(socket.next()).isEqualTo(Map.of("type", "connection_ack"));
        return socket;
    }

    private static Map<String, Object> connectionInit(String token) {
        return Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token));
    }

    private static Map<String, Object> subscribe(String id, String query) {
        return Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(Map<String, Object> errorMessage) {
        return ((List<Map<String, Object>>) errorMessage.get("payload")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object depositOf(Map<String, Object> next) {
        return ((Map<String, Object>) ((Map<String, Object>) next.get("payload")).get("data")).get("depositUpdated");
    }
}
