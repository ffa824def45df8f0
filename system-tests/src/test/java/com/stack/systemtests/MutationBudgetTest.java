package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The per-user budget of an expensive mutation counts every occurrence: aliasing {@code initiateWithdrawal}
 * within one request does not multiply the budget (issue #14, item 4). The gateway allows 5 a minute.
 */
class MutationBudgetTest {

    @Test
    void aliasedWithdrawalsEachCountAgainstTheBudget() {
        StackSuite suite = StackSuite.shared();
        GatewayClient client = new GatewayClient(
                suite.gatewayUrl(), suite.issuer().token("auth0|budget-" + UUID.randomUUID(), "budget@example.com"));
        String twice = "mutation { a: initiateWithdrawal(input: {amountUsd: \"1.00\", chain: ETHEREUM, address: \""
                + HostileInputTest.ADDRESS + "\", idempotencyKey: \"%s\"}) { id }"
                + " b: initiateWithdrawal(input: {amountUsd: \"1.00\", chain: ETHEREUM, address: \""
                + HostileInputTest.ADDRESS + "\", idempotencyKey: \"%s\"}) { id } }";

        // 2 + 2 of 5: answered by funding (no buying power: each field refused on its own)
        for (int i = 0; i < 2; i++) {
            GatewayClient.Response response = client.graphQl(twice.formatted(UUID.randomUUID(), UUID.randomUUID()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(codes(response)).containsOnly("INSUFFICIENT_BUYING_POWER");
        }
        // 4 + 2 > 5: refused before any subgraph is called
        GatewayClient.Response third = client.graphQl(twice.formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(third.status()).isEqualTo(429);
        assertThat(codes(third)).containsExactly("RATE_LIMITED");
        assertThat(third.body()).doesNotContainKey("data");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> codes(GatewayClient.Response response) {
        return response.errors().stream()
                .map(error -> ((Map<String, Object>) error.getOrDefault("extensions", Map.of())).get("code"))
                .toList();
    }
}
