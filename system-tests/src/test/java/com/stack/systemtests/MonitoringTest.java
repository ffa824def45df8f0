package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an SRE sees, asked of a real Prometheus scraping the running suite with the project's own rules
 * ({@link LocalPrometheus}): money moves (a deposit, an order, a withdrawal), the broker goes down under a withdrawal and
 * the KYC provider under new applicants, both come back, and then every dashboard panel's query and every alert's
 * watched series has an answer, and the breaker-open and stuck-saga alerts fired during the outage and resolved after it.
 */
class MonitoringTest {

    static final Path DASHBOARDS = Path.of("..", "k8s", "monitoring", "dashboards");
    static final Duration ALERT_WITHIN = Duration.ofSeconds(90);
    /**
     * Grafana's variables a panel may use, as a test asks for them: a rate over a minute, every series of a selecting
     * variable; a dashboard's constants (its saga) keep their value.
     */
    static final Map<String, String> VARIABLES = Map.of(
            "$__rate_interval", "1m", "$__interval", "15s", "$__range", "5m", "$service", ".*", "$partner", ".*");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_]+)}?");

    static StackSuite suite;
    static OrderFlows orders;
    static DepositFlows flows;
    static LocalPrometheus prometheus;

    @BeforeAll
    static void startPrometheus() {
        suite = StackSuite.shared();
        orders = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
        flows = orders.deposits();
        Map<String, String> targets = new LinkedHashMap<>();
        StackSuite.SERVICES
                .keySet()
                .forEach(name -> targets.put(name + "-service", "127.0.0.1:" + StackSuite.port(suite.service(name))));
        targets.put("gateway", "127.0.0.1:" + StackSuite.managementPort(suite.gateway()));
        prometheus = LocalPrometheus.start(targets);
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyPanelAndAlertHasAnAnswerAndAnOutageFiresAndResolvesItsAlerts() {
        // every rule file loaded, every rule healthy
        assertThat(prometheus.rules())
                .isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.get("health"))
                        .as("rule %s: %s", rule.get("name"), rule.get("lastError"))
                        .isIn("ok", "unknown"));

        // every service scraped
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(prometheus.targets())
                        .hasSize(StackSuite.SERVICES.size() + 1)
                        .allSatisfy(target -> assertThat(target).contains(" up ")));

        // money moves: a deposit becomes buying power, an order fills, a withdrawal completes
        GatewayClient client = orders.fundedUser("40.00");
        orders.awaitFinal(client, orders.placed(client, OrderFlows.symbolOrder("AAPL", "BUY", "5.00")));
        String completed = withdraw(client, "2.50");
        awaitWithdrawal(client, completed, "COMPLETE");

        // what the gateway and the webhooks refuse is counted too, and a fault of ours (the KYC provider down)
        assertThat(new GatewayClient(suite.gatewayUrl(), "not-a-token")
                        .graphQl("{ me { id } }")
                        .status())
                .isEqualTo(401);
        assertThat(client.graphQl("{ noSuchField }").errors()).isNotEmpty();
        flows.fault(Map.of("partner", "kyc", "status", 503, "count", 3));
        assertThat(submitKycOfANewApplicant().errors())
                .anySatisfy(
                        error -> assertThat(error.get("extensions").toString()).contains("UNAVAILABLE"));
        flows.clearFaults();
        WebClient.create(suite.gatewayUrl())
                .post()
                .uri("/webhooks/circle")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"notificationType\":\"transactions.inbound\"}")
                .exchangeToMono(response -> response.releaseBody())
                .block(Duration.ofSeconds(10));

        // the broker goes down under a withdrawal, which is stuck; the KYC provider goes down under new applicants,
        // whose breaker opens (onboarding's: the one service no other test of this JVM starts a second time, so its
        // breaker is the one the metrics show)
        flows.fault(Map.of(
                "partner", "drivewealth", "method", "POST", "pathPattern", "/funding/redemptions", "status", 503));
        flows.fault(Map.of("partner", "kyc", "status", 503));
        String stuck;
        try {
            stuck = withdraw(client, "1.50");
            await().atMost(ALERT_WITHIN).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                submitKycOfANewApplicant();
                assertThat(firingNames()).contains("PartnerCircuitOpen", "SagaStuck");
            });
            assertThat(prometheus.firing())
                    .filteredOn(alert -> "SagaStuck".equals(alert.get("alertname")))
                    .anySatisfy(alert -> assertThat(alert).containsEntry("saga", "withdrawal"));
            assertThat(prometheus.firing())
                    .filteredOn(alert -> "PartnerCircuitOpen".equals(alert.get("alertname")))
                    .anySatisfy(alert -> assertThat(alert).containsEntry("name", "kyc-provider"));
        } finally {
            flows.clearFaults();
        }
        // and both come back: the withdrawal completes, the next applicant after the breaker's wait finds the provider
        // again, and both alerts resolve
        awaitWithdrawal(client, stuck, "COMPLETE");
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    submitKycOfANewApplicant();
                    assertThat(firingNames())
                            .as(
                                    "firing: %s; breakers: %s",
                                    prometheus.firing(),
                                    prometheus.query(
                                            "resilience4j_circuitbreaker_state{state=~\"open|half_open\"} == 1"))
                            .doesNotContain("PartnerCircuitOpen", "SagaStuck");
                });

        // every dashboard panel's query, and every alert's watched series, has an answer
        List<String> unanswered = new ArrayList<>();
        panelQueries().forEach((panel, query) -> {
            if (prometheus.query(query).isEmpty()) {
                unanswered.add("panel " + panel + ": " + query);
            }
        });
        prometheus.rules().stream()
                .filter(rule -> "alerting".equals(rule.get("type")))
                .filter(rule -> !"kubernetes".equals(labels(rule).get("scope")))
                .forEach(rule -> WatchedSeries.of((String) rule.get("query")).forEach(series -> {
                    if (prometheus.query(series).isEmpty()) {
                        unanswered.add("alert " + rule.get("name") + ": " + series);
                    }
                }));
        assertThat(unanswered).as("queries without data").isEmpty();
    }

    /** A new user signs up and submits their details for KYC: one call to the provider (with its retries). */
    private static GatewayClient.Response submitKycOfANewApplicant() {
        GatewayClient applicant = new GatewayClient(
                suite.gatewayUrl(), suite.issuer().token("auth0|" + UUID.randomUUID(), "k@example.com"));
        applicant.graphQl(
                "mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                Map.of("e", UUID.randomUUID() + "@example.com"));
        return applicant.graphQl("""
                mutation { submitKyc(input: {firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10",
                  country: "GB", documentNumber: "D1234567"}) { kycStatus } }""");
    }

    private static String withdraw(GatewayClient client, String amount) {
        GatewayClient.Response initiated = client.graphQl(
                WithdrawalRequestTest.INITIATE,
                WithdrawalRequestTest.input(amount, "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET));
        assertThat(initiated.errors()).isEmpty();
        return initiated.at("initiateWithdrawal.id");
    }

    @SuppressWarnings("unchecked")
    private static void awaitWithdrawal(GatewayClient client, String id, String status) {
        await().atMost(ALERT_WITHIN).untilAsserted(() -> {
            List<Map<String, Object>> edges = client.graphQl("{ me { withdrawals { edges { node { id status } } } } }")
                    .at("me.withdrawals.edges");
            assertThat(edges)
                    .map(edge -> (Map<String, Object>) edge.get("node"))
                    .anySatisfy(node -> assertThat(node).containsEntry("id", id).containsEntry("status", status));
        });
    }

    private static List<String> firingNames() {
        return prometheus.firing().stream().map(alert -> alert.get("alertname")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> rule) {
        return (Map<String, String>) rule.getOrDefault("labels", Map.of());
    }

    /** Every panel's queries, Grafana's variables replaced, by "dashboard / panel title #n". */
    static Map<String, String> panelQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = json.readTree(Files.readString(file));
                Map<String, String> constants = new LinkedHashMap<>(VARIABLES);
                dashboard.path("templating").path("list").forEach(variable -> {
                    if ("constant".equals(variable.path("type").asString())) {
                        constants.put(
                                "$" + variable.path("name").asString(),
                                variable.path("query").asString());
                    }
                });
                List<JsonNode> panels = new ArrayList<>();
                dashboard.path("panels").forEach(panel -> {
                    panels.add(panel);
                    panel.path("panels").forEach(panels::add);
                });
                for (JsonNode panel : panels) {
                    int n = 0;
                    for (JsonNode target : panel.path("targets")) {
                        if (target.hasNonNull("expr")) {
                            queries.put(
                                    file.getFileName() + " / "
                                            + panel.path("title").asString() + " #" + ++n,
                                    substitute(target.get("expr").asString(), constants));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(queries).as("panel queries in %s", DASHBOARDS).isNotEmpty();
        return queries;
    }

    static String substitute(String expression, Map<String, String> variables) {
        Matcher variable = VARIABLE.matcher(expression);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String value = variables.get("$" + variable.group(1));
            assertThat(value)
                    .as("Grafana variable %s in %s", variable.group(), expression)
                    .isNotNull();
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(result).toString();
    }
}
