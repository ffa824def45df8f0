package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.identity.UserIds;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the gateway, a user can never read or change another user's data, for every type a user
 * owns: User, Wallet, Balance, Deposit, Withdrawal, Order, Portfolio, AiSummary and Notification.
 * Each test first shows the owner their own data, so that nothing passes only because it is empty.
 * (Entity references naming another user are refused by each subgraph: see the subgraphs' tests.)
 */
class AnotherUsersDataTest {

    static final String EVERYTHING_OF_ME = """
            { me { id email
                   wallets { address }
                   balance { buyingPowerUsd }
                   deposits { edges { node { id } } }
                   withdrawals { edges { node { id address } } }
                   orders { edges { node { id symbol } } }
                   portfolio { cashUsd positions { symbol } }
                   latestSummary { id summaryMarkdown } }
              notifications { id title } }""";

    static StackSuite suite;
    static OwnedRows rows;

    Someone owner;
    Someone other;

    /** A signed-up user and their gateway client. */
    record Someone(UUID id, String email, GatewayClient client) {}

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        rows = new OwnedRows(suite);
    }

    @BeforeEach
    void twoUsers() {
        owner = signUp();
        other = signUp();
    }

    Someone signUp() {
        String subject = "auth0|" + UUID.randomUUID();
        String email = UUID.randomUUID() + "@example.com";
        GatewayClient client =
                new GatewayClient(suite.gatewayUrl(), suite.issuer().token(subject, email));
        GatewayClient.Response signUp =
                client.graphQl("mutation($e: String!) { signUp(input: {email: $e}) { id } }", Map.of("e", email));
        assertThat(signUp.errors()).isEmpty();
        return new Someone(UserIds.fromSubject(suite.issuer().issuer(), subject), email, client);
    }

    @Test
    void meShowsEachUserOnlyTheirOwnDataInEverySubgraph() {
        UUID id = owner.id();
        rows.wallet(id, "0xowner" + id);
        UUID deposit = rows.deposit(id, "500");
        UUID withdrawal = rows.withdrawal(id, "250", "0xowner-target");
        rows.buyingPower(id, "777.00");
        UUID order = rows.order(id, "TSLA", "100.00");
        rows.position(id, "VTI", "2100.00", "150.25");
        UUID summary = rows.summary(id, "# The owner's week");
        UUID notification = rows.notification(id, "For the owner only");

        GatewayClient.Response mine = owner.client().graphQl(EVERYTHING_OF_ME);
        assertThat(mine.errors()).isEmpty();
        assertThat(mine.<String>at("me.id")).isEqualTo(id.toString());
        assertThat(mine.<String>at("me.email")).isEqualTo(owner.email());
        assertThat(mine.<String>at("me.wallets.0.address")).isEqualTo("0xowner" + id);
        assertThat(mine.<String>at("me.balance.buyingPowerUsd")).isEqualTo("777.00");
        assertThat(mine.<String>at("me.deposits.edges.0.node.id")).isEqualTo(deposit.toString());
        assertThat(mine.<String>at("me.withdrawals.edges.0.node.id")).isEqualTo(withdrawal.toString());
        assertThat(mine.<String>at("me.orders.edges.0.node.id")).isEqualTo(order.toString());
        assertThat(mine.<String>at("me.portfolio.cashUsd")).isEqualTo("150.25");
        assertThat(mine.<String>at("me.portfolio.positions.0.symbol")).isEqualTo("VTI");
        assertThat(mine.<String>at("me.latestSummary.id")).isEqualTo(summary.toString());
        assertThat(mine.<String>at("notifications.0.id")).isEqualTo(notification.toString());

        GatewayClient.Response theirs = other.client().graphQl(EVERYTHING_OF_ME);
        assertThat(theirs.errors()).isEmpty();
        assertThat(theirs.<String>at("me.id")).isEqualTo(other.id().toString());
        assertThat(theirs.<String>at("me.email")).isEqualTo(other.email());
        assertThat(theirs.<List<?>>at("me.wallets")).isEmpty();
        assertThat(theirs.<String>at("me.balance.buyingPowerUsd")).isEqualTo("0.00");
        assertThat(theirs.<List<?>>at("me.deposits.edges")).isEmpty();
        assertThat(theirs.<List<?>>at("me.withdrawals.edges")).isEmpty();
        assertThat(theirs.<List<?>>at("me.orders.edges")).isEmpty();
        assertThat(theirs.<String>at("me.portfolio.cashUsd")).isEqualTo("0.00");
        assertThat(theirs.<List<?>>at("me.portfolio.positions")).isEmpty();
        assertThat(theirs.<Object>at("me.latestSummary")).isNull();
        assertThat(theirs.<List<?>>at("notifications")).isEmpty();
        assertThat(theirs.body().toString())
                .doesNotContain(
                        id.toString(), "0xowner", "777.00", "TSLA", "VTI", "The owner's week", "For the owner only");
    }

    @Test
    void anotherUsersDepositWithdrawalAndOrderAreNullById() {
        UUID deposit = rows.deposit(owner.id(), "42");
        UUID withdrawal = rows.withdrawal(owner.id(), "21", "0xowner-target");
        UUID order = rows.order(owner.id(), "NVDA", "10.00");
        String byId = "query($d: ID!, $w: ID!, $o: ID!) { deposit(id: $d) { id amountUsdc }"
                + " withdrawal(id: $w) { id address } order(id: $o) { id symbol } }";
        Map<String, Object> ids = Map.of("d", deposit.toString(), "w", withdrawal.toString(), "o", order.toString());

        GatewayClient.Response mine = owner.client().graphQl(byId, ids);
        assertThat(mine.errors()).isEmpty();
        assertThat(mine.<String>at("deposit.id")).isEqualTo(deposit.toString());
        assertThat(mine.<String>at("withdrawal.id")).isEqualTo(withdrawal.toString());
        assertThat(mine.<String>at("order.id")).isEqualTo(order.toString());

        GatewayClient.Response theirs = other.client().graphQl(byId, ids);
        assertThat(theirs.<Object>at("deposit")).isNull();
        assertThat(theirs.<Object>at("withdrawal")).isNull();
        assertThat(theirs.<Object>at("order")).isNull();
        assertThat(theirs.body().toString()).doesNotContain("0xowner-target", "NVDA");
    }

    @Test
    void markingAnotherUsersNotificationReadIsNotFoundAndChangesNothing() {
        UUID notification = rows.notification(owner.id(), "Your deposit arrived");
        String markRead = "mutation($id: ID!) { markNotificationRead(id: $id) { id title read } }";

        GatewayClient.Response theirs = other.client().graphQl(markRead, Map.of("id", notification.toString()));
        assertThat(theirs.errors())
                .singleElement()
                .satisfies(error -> assertThat(error.get("extensions"))
                        .asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsEntry("code", "NOT_FOUND"));
        assertThat(theirs.<Object>at("markNotificationRead")).isNull();
        assertThat(theirs.body().toString()).doesNotContain("Your deposit arrived");
        assertThat(rows.notificationRead(notification)).isFalse();

        GatewayClient.Response mine = owner.client().graphQl(markRead, Map.of("id", notification.toString()));
        assertThat(mine.errors()).isEmpty();
        assertThat(mine.<Boolean>at("markNotificationRead.read")).isTrue();
        assertThat(rows.notificationRead(notification)).isTrue();
    }
}
