package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.testsupport.TestSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live through the gateway over graphql-transport-ws: {@code notificationReceived} tells a user of their deposit and
 * of their order's fill, and nothing of another user's; {@code orderUpdated(id)} follows one order to its end.
 */
class OrderSubscriptionsTest {

    static StackSuite suite;
    static OrderFlows flows;

    @BeforeAll
    static void suite() {
        suite = StackSuite.shared();
        flows = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> message, String field) {
        assertThat(message).as("message %s", message).containsEntry("type", "next");
        return (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data")).get(field);
    }

    static TestSocket subscribed(GatewayClient client, String query) {
        TestSocket socket = TestSocket.open(StackSuite.port(suite.gateway()));
        socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + client.token())));
        assertThat(socket.next()).containsEntry("type", "connection_ack");
        socket.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", query)));
        // the subscription is live at the subgraph before anything happens
        org.awaitility.Awaitility.await()
                .pollDelay(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> true);
        return socket;
    }

    @Test
    void notificationReceivedTellsTheUserOfTheirDepositAndFillAndNothingOfAnotherUsers() {
        GatewayClient client = flows.deposits().approvedUserWithWallets();
        GatewayClient other = flows.fundedUser("20.00");
        try (TestSocket socket = subscribed(client, "subscription { notificationReceived { id kind title body } }")) {
            // another user's order fills while this user listens: nothing of it may arrive
            String othersOrder = flows.placed(other, OrderFlows.symbolOrder("AAPL", "BUY", "5.00"));
            flows.awaitStatus(other, othersOrder, "FILLED");

            flows.deposits().transfer(flows.deposits().walletAddress(client, "ETHEREUM"), "30.000000");
            List<String> kinds = new ArrayList<>();
            List<Object> ids = new ArrayList<>();
            while (!kinds.contains("DEPOSIT_FUNDED")) {
                Map<String, Object> notification = data(socket.next(), "notificationReceived");
                kinds.add((String) notification.get("kind"));
                ids.add(notification.get("id"));
            }
            org.awaitility.Awaitility.await()
                    .atMost(OrderFlows.WITHIN)
                    .untilAsserted(() -> assertThat(flows.buyingPower(client)).isEqualTo("30.00"));
            String id = flows.placed(client, OrderFlows.symbolOrder("AAPL", "BUY", "10.00"));
            while (!kinds.contains("ORDER_FILLED")) {
                Map<String, Object> notification = data(socket.next(), "notificationReceived");
                kinds.add((String) notification.get("kind"));
                ids.add(notification.get("id"));
            }
            flows.awaitStatus(client, id, "FILLED");
            // every notification that arrived is one of this user's own (the other user's fill never came)
            assertThat(kinds).containsOnlyOnce("ORDER_FILLED");
            List<Map<String, Object>> listed =
                    client.graphQl("{ notifications { id kind } }").at("notifications");
            assertThat(listed).extracting(n -> n.get("kind")).contains("DEPOSIT_FUNDED", "ORDER_FILLED");
            assertThat(listed.stream().map(n -> n.get("id")).toList()).containsAll(ids);
        }
    }

    @Test
    void orderUpdatedFollowsOneOrderToItsEndAndAnotherUsersOrderIsNotFound() {
        GatewayClient client = flows.fundedUser("40.00");
        flows.marketBehaviour("SUBS", "SPLIT");
        try {
            String id = flows.placed(client, OrderFlows.symbolOrder("SUBS", "BUY", "20.00"));
            List<String> statuses = new ArrayList<>();
            try (TestSocket socket = subscribed(
                    client, "subscription { orderUpdated(id: \"" + id + "\") { id status filledAmountUsd } }")) {
                while (!statuses.contains("FILLED")) {
                    Map<String, Object> order = data(socket.next(), "orderUpdated");
                    assertThat(order).containsEntry("id", id);
                    statuses.add((String) order.get("status"));
                }
            }
            assertThat(statuses.get(statuses.size() - 1)).isEqualTo("FILLED");
            assertThat(statuses).doesNotHaveDuplicates();

            GatewayClient stranger = flows.deposits().approvedUserWithWallets();
            try (TestSocket socket = TestSocket.open(StackSuite.port(suite.gateway()))) {
                socket.send(Map.of(
                        "type", "connection_init", "payload", Map.of("Authorization", "Bearer " + stranger.token())));
                assertThat(socket.next()).containsEntry("type", "connection_ack");
                socket.send(Map.of(
                        "id",
                        "1",
                        "type",
                        "subscribe",
                        "payload",
                        Map.of("query", "subscription { orderUpdated(id: \"" + id + "\") { id status } }")));
                Map<String, Object> answer = socket.next();
                assertThat(answer.toString()).contains("NOT_FOUND").doesNotContain("\"status\"");
            }
        } finally {
            flows.resetMarket();
        }
    }
}
