package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.testsupport.TestSocket;

/**
 * A withdrawal watched from its first status: the broker's payout request is held for 1.5 s by a sandbox
 * latency fault (so the withdrawal is still PENDING when the subscription starts), then {@code withdrawalUpdated}
 * is followed through the gateway until the stream completes.
 */
final class WithdrawalWatch {

    static final List<String> EVERY_STATUS = List.of(
            "PENDING",
            "BROKER_WITHDRAWAL_INITIATED",
            "BROKER_WITHDRAWAL_COMPLETE",
            "ON_RAMP_INITIATED",
            "ON_RAMP_COMPLETE",
            "TRANSFER_INITIATED",
            "COMPLETE");

    /** What the owner's subscription saw: each status in order, and the hash it ended with. */
    record Seen(String withdrawalId, List<String> statuses, String txHash) {}

    private WithdrawalWatch() {}

    /**
     * Initiates the withdrawal with the broker's payout request ({@code brokerPath} of partner {@code broker})
     * held, subscribes at once, and follows the subscription to its end.
     */
    @SuppressWarnings("unchecked")
    static Seen withdrawAndWatch(
            DepositFlows flows,
            int gatewayPort,
            GatewayClient client,
            String broker,
            String brokerPath,
            String amount,
            String chain,
            String address) {
        flows.fault(
                Map.of("partner", broker, "method", "POST", "pathPattern", brokerPath, "latencyMs", 1500, "count", 1));
        try (TestSocket socket = acknowledged(gatewayPort, client)) {
            GatewayClient.Response initiated =
                    client.graphQl(WithdrawalRequestTest.INITIATE, WithdrawalRequestTest.input(amount, chain, address));
            assertThat(initiated.errors()).isEmpty();
            String id = initiated.at("initiateWithdrawal.id");
            socket.send(subscribe(id));
            List<String> statuses = new ArrayList<>();
            String txHash = null;
            while (true) {
                Map<String, Object> message = socket.next();
                if ("complete".equals(message.get("type"))) {
                    return new Seen(id, statuses, txHash);
                }
                assertThat(message).containsEntry("id", "w").containsEntry("type", "next");
                Map<String, Object> withdrawal = (Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data"))
                                .get("withdrawalUpdated");
                assertThat(withdrawal).containsEntry("id", id);
                statuses.add((String) withdrawal.get("status"));
                txHash = (String) withdrawal.get("txHash");
            }
        } finally {
            flows.clearFaults();
        }
    }

    static Map<String, Object> subscribe(String id) {
        return Map.of(
                "id",
                "w",
                "type",
                "subscribe",
                "payload",
                Map.of(
                        "query",
                        "subscription($id: ID!) { withdrawalUpdated(id: $id) { id status txHash } }",
                        "variables",
                        Map.of("id", id)));
    }

    static TestSocket acknowledged(int gatewayPort, GatewayClient client) {
        TestSocket socket = TestSocket.open(gatewayPort);
        socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + client.token())));
        assertThat(socket.next()).containsEntry("type", "connection_ack");
        return socket;
    }
}
