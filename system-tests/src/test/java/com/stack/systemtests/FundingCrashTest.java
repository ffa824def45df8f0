package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.stack.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * The funding service is killed (SIGKILL, its own process) while 200 deposits are in flight, and started
 * again on the same database: every deposit ends BROKER_FUNDED, the ledger balances, and none is funded
 * twice at the broker. What survives the kill is only what was committed: the inbox, the saga commands
 * and the outbox; the partners' idempotency keys make the repeated calls harmless.
 */
class FundingCrashTest {

    static final int DEPOSITS = 200;
    static final int USERS = 4;
    static final Duration WITHIN = Duration.ofMinutes(3);

    static StackSuite suite;
    static DepositFlows flows;
    static String database;
    static int port;
    static Process funding;
    static DatabaseClient db;

    @BeforeAll
    static void database() {
        suite = StackSuite.shared();
        flows = new DepositFlows(suite, suite.gatewayUrl());
        database = TestInfrastructure.freshDatabase("stack_funding_crash_system");
        port = StackSuite.freePort();
        db = ServiceProcess.databaseClient(database);
    }

    @AfterAll
    static void stop() {
        if (funding != null) {
            funding.destroyForcibly();
        }
    }

    static Process startFunding() throws IOException {
        // its own fixed port (the sandbox's subscription names it), in place of the suite's random one
        // no sweep of Circle's transaction list: this funding learns every wallet of the suite, and its first sweep
        // would also take the earlier tests' transfers in; here the inbox and the saga recover from the kill alone
        return ServiceProcess.start(
                suite,
                "funding-service",
                database,
                port,
                List.of(
                        "--stack.messaging.consumer-group=funding-crash-" + TestInfrastructure.runId(),
                        "--stack.funding.inbound-sweep.enabled=false"));
    }

    long count(String sql) {
        return Long.parseLong(
                String.valueOf(db.sql(sql).map(row -> row.get(0)).first().block(Duration.ofSeconds(10))));
    }

    @Test
    void killedWith200DepositsInFlightItFundsEachExactlyOnceAfterARestart() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            GatewayClient user = flows.approvedUserWithWallets();
            addresses.add(flows.walletAddress(user, "ETHEREUM"));
        }
        funding = startFunding();
        // Circle notifies this funding directly (its own subscription; HEAD-checked by the sandbox)
        flows.sandbox()
                .post()
                .uri("/circle/v2/notifications/subscriptions")
                .headers(h -> h.setBearerAuth(suite.circleApiKey()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("endpoint", "http://127.0.0.1:" + port + "/webhooks/circle"))
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(30));
        // it has learned the wallets from WalletCreated
        await().atMost(WITHIN).until(() -> count("SELECT count(*) FROM known_wallets") >= USERS * 2L);

        // made here, not on the event loop the requests complete on (UUID.randomUUID reads the OS entropy pool)
        List<String> hashes = IntStream.range(0, DEPOSITS)
                .mapToObj(i -> "0x" + UUID.randomUUID().toString().replace("-", "")
                        + UUID.randomUUID().toString().replace("-", ""))
                .toList();
        Flux.range(0, DEPOSITS)
                .flatMap(
                        i -> flows.sandbox()
                                .post()
                                .uri("/sandbox/chain/transfers")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "address",
                                        addresses.get(i % USERS),
                                        "amount",
                                        "1.250000",
                                        "txHash",
                                        hashes.get(i)))
                                .retrieve()
                                .toBodilessEntity(),
                        16)
                .blockLast(Duration.ofMinutes(2));

        // kill it mid-flight: some deposits recorded, few or none funded yet
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM deposits") >= DEPOSITS / 4);
        long fundedBeforeTheKill = count("SELECT count(*) FROM deposits WHERE status = 'broker_funded'");
        funding.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(fundedBeforeTheKill)
                .as("the kill must come while deposits are in flight")
                .isLessThan(DEPOSITS);

        funding = startFunding();

        await().atMost(WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        count("SELECT count(*) FROM deposits WHERE status IN ('broker_funded', 'failed')") == DEPOSITS);
        assertThat(count("SELECT count(*) FROM deposits")).isEqualTo(DEPOSITS);
        assertThat(count("SELECT count(*) FROM deposits WHERE status = 'broker_funded'"))
                .isEqualTo(DEPOSITS);
        // each funded once in the ledger and once at the broker
        assertThat(count("SELECT count(*) FROM ledger_journal WHERE kind = 'deposit_broker_funded'"))
                .isEqualTo(DEPOSITS);
        assertThat(count("SELECT count(DISTINCT broker_transfer_id) FROM deposits"))
                .isEqualTo(DEPOSITS);
        assertThat(
                        count(
                                "SELECT count(*) FROM (SELECT e.journal_id FROM ledger_entries e JOIN ledger_accounts a"
                                        + " ON a.id = e.account_id GROUP BY e.journal_id, a.currency HAVING SUM(e.amount) <> 0) unbalanced"))
                .isZero();
        // 200 x 1.25: every cent became buying power, once
        assertThat(String.valueOf(db.sql("SELECT SUM(e.amount) FROM ledger_entries e JOIN ledger_accounts a"
                                + " ON a.id = e.account_id WHERE a.kind = 'user_buying_power'")
                        .map(row -> row.get(0))
                        .first()
                        .block(Duration.ofSeconds(10))))
                .isEqualTo("250.000000");
        // the broker saw one deposit per STACK deposit, whatever was retried across the kill
        List<Map<String, Object>> atTheBroker = flows.list("/sandbox/drivewealth/deposits", "deposits");
        List<String> ours = db.sql("SELECT broker_transfer_id FROM deposits")
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(atTheBroker.stream()
                        .filter(d -> ours.contains(String.valueOf(d.get("id"))))
                        .count())
                .isEqualTo(DEPOSITS);
        // and no STACK deposit (of either funding in this JVM) was funded twice: one broker deposit per note
        List<String> notes = atTheBroker.stream()
                .map(d -> String.valueOf(d.get("note")))
                .filter(note -> note.startsWith("STACK deposit "))
                .toList();
        assertThat(notes).doesNotHaveDuplicates();
    }
}
