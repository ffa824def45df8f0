package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.defaults.messaging.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Issue 14 item 3 through the running suite: USDC sent to a deposit address whose WalletCreated funding has not
 * applied (dead-lettered, late) is not dropped. The transfer waits; when the event arrives it becomes a deposit,
 * once, and runs through its saga to buying power; the event and Circle's notifications again change nothing.
 */
class FundingDepositAwaitingWalletHardeningTest {

    static StackSuite suite;
    static DepositFlows flows;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        flows = new DepositFlows(suite, suite.gatewayUrl());
    }

    @AfterEach
    void noFaultsLeft() {
        flows.clearFaults();
    }

    long funding(String sql) {
        return Long.parseLong(suite.queryOne("funding", sql));
    }

    void fundingUpdate(String sql) {
        suite.service("funding")
                .getBean(DatabaseClient.class)
                .sql(sql)
                .fetch()
                .rowsUpdated()
                .block(Duration.ofSeconds(10));
    }

    @Test
    void aTransferBeforeItsWalletCreatedWaitsAndIsFundedOnceWhenTheEventArrives() {
        GatewayClient client = flows.approvedUserWithWallets();
        String address = flows.walletAddress(client, "ETHEREUM");
        String lower = address.toLowerCase(Locale.ROOT);
        String topic = Topics.WALLET + StackSuite.TOPIC_SUFFIX;
        String type = EventType.WALLET_CREATED.type();
        ConsumerRecord<String, byte[]> created = KafkaRecords.read(topic).stream()
                .filter(r -> type.equals(KafkaRecords.header(r, EventCodec.TYPE))
                        && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .toLowerCase(Locale.ROOT)
                                .contains(lower))
                .findFirst()
                .orElseThrow();
        // as if the event had been dead-lettered: funding never applied it
        fundingUpdate("DELETE FROM known_wallets WHERE chain = 'ethereum' AND address = '" + lower + "'");
        fundingUpdate(
                "DELETE FROM processed_events WHERE event_id = '" + KafkaRecords.header(created, EventCodec.ID) + "'");

        flows.transfer(address, "125.000000");

        // Circle's notifications of the transfer wait for the wallet; nothing is credited, nothing is dropped
        await().atMost(DepositFlows.WITHIN)
                .until(() -> funding("SELECT count(*) FROM partner_inbox WHERE awaiting_address = '" + lower
                                + "' AND processed_at IS NULL")
                        >= 1);
        assertThat(funding("SELECT count(*) FROM partner_inbox WHERE outcome = 'ignored' AND payload LIKE '%" + lower
                        + "%'"))
                .isZero();
        assertThat(flows.deposits(client)).isEmpty();

        // the event arrives (a re-drive, a late delivery): same bytes, same event id
        assertThat(KafkaRecords.redeliver(topic, created.key(), type)).isGreaterThanOrEqualTo(1);

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        assertThat(deposit).containsEntry("chain", "ETHEREUM").containsEntry("amountUsdc", "125.000000");
        assertThat(flows.balance(client))
                .containsEntry("buyingPowerUsd", "125.00")
                .containsEntry("pendingDepositsUsd", "0.00");
        assertThat(funding("SELECT count(*) FROM partner_inbox WHERE awaiting_address = '" + lower + "'"))
                .isZero();

        // the event again: nothing changes
        KafkaRecords.redeliver(topic, created.key(), type);
        await().during(Duration.ofSeconds(3)).atMost(DepositFlows.WITHIN).untilAsserted(() -> {
            List<Map<String, Object>> deposits = flows.deposits(client);
            assertThat(deposits).hasSize(1);
            assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "125.00");
        });
        assertThat(funding("SELECT count(*) FROM known_wallets WHERE address = '" + lower + "'"))
                .isEqualTo(1);
        flows.assertLedgerBalanced("funding");
    }
}
