package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.identity.UserIds;
import com.stack.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operations through the gateway that need several subgraphs, against the real services. */
class FederatedQueryTest {

    static StackSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
    }

    GatewayClient signedUpUser(String subject) {
        GatewayClient client =
                new GatewayClient(suite.gatewayUrl(), suite.issuer().token(subject, "u@example.com"));
        GatewayClient.Response signUp = client.graphQl(
                "mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                Map.of("e", UUID.randomUUID() + "@example.com"));
        assertThat(signUp.errors()).isEmpty();
        return client;
    }

    @Test
    void oneOperationComposesFourSubgraphsWithOneFetchEach() throws Exception {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signedUpUser(subject);
        UUID userId = UserIds.fromSubject(suite.issuer().issuer(), subject);
        insertWallet(userId, "ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

        Map<String, Double> before = subgraphRequestCounts();
        GatewayClient.Response response = client.graphQl("""
                { me { id kycStatus
                       wallets { chain address status }
                       balance { buyingPowerUsd pendingDepositsUsd }
                       portfolio { totalValueUsd cashUsd positions { symbol } } } }""");
        Map<String, Double> after = subgraphRequestCounts();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errors()).isEmpty();
        assertThat(response.<String>at("me.id")).isEqualTo(userId.toString());
        assertThat(response.<String>at("me.kycStatus")).isEqualTo("NOT_STARTED");
        assertThat(response.<List<Map<String, Object>>>at("me.wallets"))
                .containsExactly(Map.of(
                        "chain",
                        "ETHEREUM",
                        "address",
                        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                        "status",
                        "ACTIVE"));
        assertThat(response.<String>at("me.balance.buyingPowerUsd")).isEqualTo("0.00");
        assertThat(response.<String>at("me.portfolio.totalValueUsd")).isEqualTo("0.00");
        for (String subgraph : List.of("onboarding", "wallet", "funding", "investing")) {
            assertThat(after.getOrDefault(subgraph, 0.0) - before.getOrDefault(subgraph, 0.0))
                    .as("requests to %s", subgraph)
                    .isEqualTo(1.0);
        }
        assertThat(after.getOrDefault("aicfo", 0.0)).isEqualTo(before.getOrDefault("aicfo", 0.0));
    }

    @Test
    void aliasesFragmentsVariablesAndTypenameAreAnsweredAsAsked() {
        GatewayClient client = signedUpUser("auth0|" + UUID.randomUUID());
        GatewayClient.Response response = client.graphQl("""
                query Mine($first: Int, $withPortfolio: Boolean!) {
                  me { ...Identity
                       recent: deposits(first: $first) { pageInfo { hasNextPage endCursor } edges { cursor } }
                       portfolio @include(if: $withPortfolio) { cashUsd }
                       __typename }
                  catalogue: baskets { name riskLevel }
                }
                fragment Identity on User { userId: id kycStatus }""", Map.of("first", 5, "withPortfolio", false));

        assertThat(response.errors()).isEmpty();
        Map<String, Object> me = response.at("me");
        assertThat(me).containsOnlyKeys("userId", "kycStatus", "recent", "__typename");
        assertThat(me.get("__typename")).isEqualTo("User");
        assertThat(response.<Boolean>at("me.recent.pageInfo.hasNextPage")).isFalse();
        assertThat(response.<List<?>>at("catalogue")).hasSize(3);
    }

    @Test
    void introspectionIsAnsweredByTheGateway() {
        GatewayClient.Response response = new GatewayClient(
                        suite.gatewayUrl(), suite.issuer().token("auth0|" + UUID.randomUUID(), "u@example.com"))
                .graphQl("{ __schema { queryType { name } } __type(name: \"Withdrawal\") { fields { name } } }");
        assertThat(response.errors()).isEmpty();
        assertThat(response.<String>at("__schema.queryType.name")).isEqualTo("Query");
        assertThat(response.<List<?>>at("__type.fields")).hasSizeGreaterThan(5);
    }

    @Test
    void anUnknownDepositIsNull() {
        GatewayClient client = signedUpUser("auth0|" + UUID.randomUUID());
        GatewayClient.Response response = client.graphQl("{ deposit(id: \"" + UUID.randomUUID() + "\") { id } }");
        assertThat(response.errors()).isEmpty();
        assertThat(response.<Object>at("deposit")).isNull();
    }

    private Map<String, Double> subgraphRequestCounts() {
        MeterRegistry meters = suite.gateway().getBean(MeterRegistry.class);
        Map<String, Double> counts = new java.util.HashMap<>();
        for (Timer timer : meters.find("stack.gateway.subgraph.requests").timers()) {
            counts.merge(timer.getId().getTag("subgraph"), (double) timer.count(), Double::sum);
        }
        return counts;
    }

    private static void insertWallet(UUID userId, String chain, String address) throws Exception {
        String url = "jdbc:postgresql://" + TestInfrastructure.postgresHost() + ":" + TestInfrastructure.postgresPort()
                + "/" + suite.database("wallet");
        try (Connection connection = DriverManager.getConnection(
                        url, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
                PreparedStatement insert = connection.prepareStatement("INSERT INTO wallets "
                        + "(id, user_id, chain, address, circle_wallet_id, status) VALUES (?, ?, ?, ?, ?, 'active')")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, userId);
            insert.setString(3, chain);
            insert.setString(4, address);
            insert.setString(5, "circle-" + UUID.randomUUID());
            insert.executeUpdate();
        }
    }
}
