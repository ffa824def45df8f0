package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.testsupport.TcpProxy;
import com.stack.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * A consuming service loses its PostgreSQL for 30 seconds while events arrive. A funding service of its own
 * (own database, own consumer group, Circle notifying it directly) reaches PostgreSQL through a loopback
 * {@link TcpProxy}; the proxy drops every connection and refuses new ones while users sign up and pass KYC
 * (the suite's wallet service opens their wallets and publishes WalletCreated, which this funding must record)
 * and a deposit arrives. When the database is back, every WalletCreated is applied once, nothing was
 * dead-lettered, and every deposit, including those to wallets created during the outage, is BROKER_FUNDED.
 * (Before consumers told transient failures from poison, WalletCreated was dead-lettered after about 3 s of
 * retries, and deposits to those wallets were never credited.)
 */
class ConsumerOutageTest {

    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration WITHIN = Duration.ofSeconds(90);
    static final String GROUP = "funding-outage-" + TestInfrastructure.runId();

    static StackSuite suite;
    static DepositFlows flows;
    static TcpProxy proxy;
    static ConfigurableApplicationContext funding;
    static DatabaseClient db;
    static int port;

    @BeforeAll
    static void startFundingBehindAProxy() {
        suite = StackSuite.shared();
        flows = new DepositFlows(suite, suite.gatewayUrl());
        proxy = new TcpProxy(TestInfrastructure.postgresHost(), TestInfrastructure.postgresPort());
        port = StackSuite.freePort();
        // a repeated option would be joined ("0,35777"), so the suite's port and database address are replaced
        List<String> args = new ArrayList<>(
                suite.serviceArguments(TestInfrastructure.freshDatabase("stack_funding_outage_system")).stream()
                        .filter(arg -> !arg.startsWith("--server.port=")
                                && !arg.startsWith("--stack.db.host=")
                                && !arg.startsWith("--stack.db.port="))
                        .toList());
        args.addAll(List.of(
                "--server.port=" + port,
                "--stack.db.host=127.0.0.1",
                "--stack.db.port=" + proxy.port(),
                "--stack.messaging.consumer-group=" + GROUP));
        funding = StackSuite.SERVICES.get("funding").get().run(args.toArray(String[]::new));
        db = ServiceProcess.databaseClient(funding.getEnvironment().getProperty("stack.database"));
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
    }

    @AfterAll
    static void stop() {
        if (funding != null) {
            funding.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aThirtySecondDatabaseOutageDelaysEventsAndDepositsButLosesNone() throws Exception {
        GatewayClient before = flows.approvedUserWithWallets();
        String beforeAddress = flows.walletAddress(before, "ETHEREUM");
        await().atMost(WITHIN).until(() -> knownWallet(beforeAddress));

        proxy.refuse();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        List<String> addressesLearnedInTheOutage = new ArrayList<>();
        // sign-ups and approvals: the suite's wallet service opens wallets and publishes WalletCreated
        for (int i = 0; i < 2; i++) {
            addressesLearnedInTheOutage.add(flows.walletAddress(flows.approvedUserWithWallets(), "ETHEREUM"));
        }
        // a deposit: Circle's notification fails while the database is down, and Circle tries again
        String duringTheOutage = transfer(beforeAddress);
        await().atMost(OUTAGE).until(() -> retries() > 0);
        long left = outageEnds - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        assertThat(retrying())
                .as("WalletCreated waits while the database is down")
                .isPositive();
        proxy.open();

        await().atMost(WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> addressesLearnedInTheOutage.stream().allMatch(this::knownWallet));
        List<String> hashes = new ArrayList<>(List.of(duringTheOutage));
        addressesLearnedInTheOutage.forEach(address -> hashes.add(transfer(address)));

        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> fundedDeposits(hashes) == hashes.size());
        assertThat(count("SELECT count(*) FROM deposits WHERE tx_hash IN ('" + String.join("', '", hashes) + "')"))
                .isEqualTo(hashes.size());
        for (String address : addressesLearnedInTheOutage) {
            assertThat(knownWallets(address)).isEqualTo(1);
        }
        assertThat(deadLettered()).as("nothing dead-lettered").isZero();
        await().atMost(WITHIN).until(() -> retrying() == 0);
    }

    /** The re-drive endpoint ./stack redrive calls: the gateway's service token reads it, a user's token does not. */
    @Test
    void theDeadLetterEndpointAnswersTheServiceTokenOnly() {
        WebClient actuator = WebClient.create("http://127.0.0.1:" + port + "/actuator/deadletters");
        Map<String, Object> pending = actuator.get()
                .headers(h -> h.setBearerAuth(suite.issuer().serviceToken()))
                .retrieve()
                .bodyToMono(DepositFlows.JSON)
                .block(Duration.ofSeconds(30));
        assertThat(pending).containsEntry("group", GROUP + ".redrive");
        assertThat(String.valueOf(pending.get("pending"))).contains(".dlt");
        HttpStatusCode asUser = actuator.get()
                .headers(h ->
                        h.setBearerAuth(suite.issuer().token("auth0|" + java.util.UUID.randomUUID(), "u@example.com")))
                .exchangeToMono(response -> Mono.just(response.statusCode()))
                .block(Duration.ofSeconds(30));
        assertThat(asUser.value()).isEqualTo(403);
    }

    private String transfer(String address) {
        Map<String, Object> transfer = flows.transfer(address, "2.500000");
        return String.valueOf(transfer.get("txHash"));
    }

    private boolean knownWallet(String address) {
        return knownWallets(address) > 0;
    }

    /** Funding keeps an address as its chain normalizes it (an EVM address in lower case). */
    private long knownWallets(String address) {
        return count("SELECT count(*) FROM known_wallets WHERE lower(address) = lower('" + address + "')");
    }

    private long fundedDeposits(List<String> hashes) {
        return count("SELECT count(*) FROM deposits WHERE status = 'broker_funded' AND tx_hash IN ('"
                + String.join("', '", hashes) + "')");
    }

    private long count(String sql) {
        return Long.parseLong(
                String.valueOf(db.sql(sql).map(row -> row.get(0)).first().block(Duration.ofSeconds(10))));
    }

    private MeterRegistry meters() {
        return funding.getBean(MeterRegistry.class);
    }

    private double retries() {
        return meters().find("stack.events.retries").tag("consumer", GROUP).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double retrying() {
        var gauge =
                meters().find("stack.events.retrying").tag("consumer", GROUP).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private double deadLettered() {
        return meters().find("stack.events.dead.lettered").tag("consumer", GROUP).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
