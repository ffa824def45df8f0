package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Story 2.4 AC 2 through the gateway: before a withdrawal holds anything, funding asks the broker what the user can
 * withdraw. When the broker holds less than the ledger says (a fee taken at DriveWealth that the ledger never saw),
 * a withdrawal beyond the broker's cash is refused with its own code and holds nothing; one within it goes through.
 */
class BrokerBuyingPowerTest {

    static StackSuite suite;
    static OrderFlows orders;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        orders = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWithdrawalBeyondWhatTheBrokerHoldsIsRefusedAndHoldsNothing() {
        GatewayClient client = orders.fundedUser("20.00");
        String accountNo = suite.queryOne(
                "funding",
                "SELECT account_no FROM broker_accounts WHERE user_id = '" + orders.userId(client)
                        + "' AND broker = 'drivewealth'");
        orders.deposits()
                .control(
                        "/sandbox/drivewealth/accounts/" + accountNo + "/cash-adjustments",
                        Map.of("amount", "-5.00", "reason", "a fee the ledger never saw"));

        GatewayClient.Response refused = client.graphQl(
                WithdrawalRequestTest.INITIATE,
                WithdrawalRequestTest.input("20.00", "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET));
        assertThat(refused.errors())
                .singleElement()
                .satisfies(error -> assertThat((Map<String, Object>) error.get("extensions"))
                        .containsEntry("code", "BROKER_BUYING_POWER_SHORT")
                        .containsEntry("field", "amountUsd"));
        assertThat(orders.deposits().balance(client)).containsEntry("buyingPowerUsd", "20.00");
        assertThat(client.graphQl("{ me { withdrawals { edges { node { id } } } } }")
                        .<java.util.List<Object>>at("me.withdrawals.edges"))
                .isEmpty();

        // within what the broker holds, the withdrawal goes through (the ledger holds it)
        GatewayClient.Response accepted = client.graphQl(
                WithdrawalRequestTest.INITIATE,
                WithdrawalRequestTest.input("15.00", "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET));
        assertThat(accepted.errors()).isEmpty();
        assertThat(orders.deposits().balance(client)).containsEntry("buyingPowerUsd", "5.00");
    }
}
