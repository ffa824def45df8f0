package com.stack.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Orders end to end on the whole suite as {@code ./stack up} runs it: {@code placeOrder} through the gateway ->
 * funding's hold -> the broker (the sandbox's DriveWealth market) -> the fill on DriveWealth's order queue ->
 * FILLED, and funding settling the hold. Figures only, no asserts. Skipped unless asked for:
 *
 * <pre>./stack bench orders</pre>
 *
 * Users are funded by real deposits first. Then a warm-up and a measured phase at an offered rate (an open load:
 * order i goes out at start + i / rate). Reported: orders per second completed, p50/p99 from the placeOrder request
 * to the order's FILLED in investing's database (one clock, one machine), and the cost per order: process CPU of each
 * service (from {@code /proc/<pid>/stat} of the pids {@code ./stack up} recorded) and PostgreSQL transactions
 * committed per database ({@code pg_stat_database}), both over the measured phase divided by the orders it completed.
 * {@code -Dstack.benchmark.users=20}, {@code -Dstack.benchmark.rate=10}, {@code -Dstack.benchmark.seconds=60},
 * {@code -Dstack.benchmark.seconds.warm-up=20} change it. The gateway allows 30 placeOrder a minute per user: keep
 * rate x 60 / users below 30.
 */
@EnabledIfSystemProperty(named = "stack.benchmark", matches = "true")
class OrderBenchmark {

    static final int USERS = Integer.getInteger("stack.benchmark.users", 20);
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "VTI", "QQQ", "SPY");
    static final Path PIDS = Path.of(System.getProperty("stack.benchmark.pid-dir", "../.run/apps"));
    static final List<String> DATABASES =
            List.of("stack_onboarding", "stack_wallet", "stack_funding", "stack_investing", "stack_aicfo");

    final WebClient sandbox = WebClient.create(RunningSuite.SANDBOX);
    final DatabaseClient investingDb = database("stack_investing");
    final DatabaseClient statsDb = database("postgres");
    final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    final AtomicLong refused = new AtomicLong();

    static DatabaseClient database(String name) {
        return DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1")
                .port(5432)
                .username(System.getProperty("stack.benchmark.db-user", "postgres"))
                .database(name)
                .build()));
    }

    @Test
    void ordersFilledEndToEnd() {
        List<GatewayClient> users = fundedUsers();
        int rate = Integer.getInteger("stack.benchmark.rate", 10);
        int seconds = Integer.getInteger("stack.benchmark.seconds", 60);
        int warmUp = Integer.getInteger("stack.benchmark.seconds.warm-up", 20);
        report(
                "warm-up at " + Math.max(1, rate / 2) + "/s offered, " + warmUp + " s",
                offer(users, Math.max(1, rate / 2), warmUp));
        report("measured at " + rate + "/s offered, " + seconds + " s", offer(users, rate, seconds));
        RunningSuite.reportServiceHealth();
    }

    record Phase(
            int offered,
            int filled,
            double seconds,
            List<Long> latenciesMs,
            Map<String, Long> cpuMs,
            Map<String, Long> commits) {}

    static void report(String name, Phase phase) {
        System.out.printf(
                "%s: offered %d, filled %d in %.1f s = %.1f orders/s; placeOrder -> FILLED p50 %d ms, p99 %d ms%n",
                name,
                phase.offered(),
                phase.filled(),
                phase.seconds(),
                phase.filled() / phase.seconds(),
                RunningSuite.percentile(phase.latenciesMs(), 0.50),
                RunningSuite.percentile(phase.latenciesMs(), 0.99));
        double per = Math.max(1, phase.filled());
        long totalCpu =
                phase.cpuMs().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder cpu = new StringBuilder();
        phase.cpuMs().forEach((service, ms) -> cpu.append(String.format(" %s %.1f", service, ms / per)));
        System.out.printf(
                "  CPU per order: %.1f ms in all (%s )%n",
                totalCpu / per, cpu.toString().strip());
        long totalCommits =
                phase.commits().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder commits = new StringBuilder();
        phase.commits().forEach((db, n) -> commits.append(String.format(" %s %.1f", db, n / per)));
        System.out.printf(
                "  PostgreSQL transactions per order: %.1f in all (%s )%n",
                totalCommits / per, commits.toString().strip());
    }

    /** Offers {@code rate} orders a second for {@code seconds}, then waits until each is final. */
    Phase offer(List<GatewayClient> users, int rate, int seconds) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> cpuBefore = cpu();
        Map<String, Long> commitsBefore = commits();
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        Flux.range(0, rate * seconds)
                .flatMap(
                        i -> Mono.delay(Duration.ofNanos(
                                        Math.max(0, startNanos + i * intervalNanos - System.nanoTime())))
                                .publishOn(Schedulers.boundedElastic())
                                .map(tick -> {
                                    GatewayClient user = users.get(i % users.size());
                                    Instant sent = Instant.now();
                                    GatewayClient.Response response = user.graphQl(
                                            OrderFlows.PLACE,
                                            Map.of(
                                                    "i",
                                                    Map.of(
                                                            "symbol",
                                                            SYMBOLS.get(i % SYMBOLS.size()),
                                                            "side",
                                                            "BUY",
                                                            "amountUsd",
                                                            "1.00",
                                                            "idempotencyKey",
                                                            UUID.randomUUID().toString())));
                                    String id = response.errors().isEmpty() ? response.at("placeOrder.id") : null;
                                    if (id == null) {
                                        refused.incrementAndGet();
                                        System.out.println("  refused: " + response.errors());
                                    } else {
                                        sentAt.put(id, sent);
                                        ids.add(id);
                                    }
                                    return i;
                                }),
                        256)
                .blockLast();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> finals(ids) >= ids.size());
        Map<String, Long> cpu = difference(cpuBefore, cpu());
        Map<String, Long> committed = difference(commitsBefore, commits());
        List<Long> latencies = new ArrayList<>();
        Instant last = start;
        for (Map<String, Object> row : filled(ids)) {
            Instant at = ((OffsetDateTime) row.get("updated_at")).toInstant();
            latencies.add(
                    Duration.between(sentAt.get(row.get("id").toString()), at).toMillis());
            last = at.isAfter(last) ? at : last;
        }
        if (refused.get() > 0) {
            System.out.printf("  (%d placeOrder requests were refused and not counted)%n", refused.getAndSet(0));
        }
        return new Phase(
                ids.size(),
                latencies.size(),
                Duration.between(start, last).toMillis() / 1000.0,
                latencies,
                cpu,
                committed);
    }

    long finals(List<String> ids) {
        return investingDb
                .sql("SELECT count(*) FROM orders WHERE id::text = ANY(:ids)"
                        + " AND status IN ('filled', 'failed', 'canceled')")
                .bind("ids", ids.toArray(String[]::new))
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    List<Map<String, Object>> filled(List<String> ids) {
        return investingDb
                .sql("SELECT id, updated_at FROM orders WHERE id::text = ANY(:ids) AND status = 'filled'")
                .bind("ids", ids.toArray(String[]::new))
                .fetch()
                .all()
                .collectList()
                .block();
    }

    /** CPU time (user + system) of each service ./stack up started, in ms, from /proc. */
    static Map<String, Long> cpu() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(PIDS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String pid = Files.readString(file).strip();
                String[] stat = Files.readString(Path.of("/proc", pid, "stat"))
                        .replaceFirst("^.*\\) ", "")
                        .split(" ");
                // fields 14 and 15 (utime, stime) in clock ticks; after the command they are the 12th and 13th
                long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                cpu.put(file.getFileName().toString().replace(".pid", ""), ticks * 10);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("  (no CPU figures: " + e + "; run through ./stack bench orders)");
        }
        return cpu;
    }

    /** Transactions committed so far in each of the suite's databases. */
    Map<String, Long> commits() {
        Map<String, Long> commits = new LinkedHashMap<>();
        statsDb.sql("SELECT datname, xact_commit FROM pg_stat_database WHERE datname = ANY(:names)")
                .bind("names", DATABASES.toArray(String[]::new))
                .map(row -> Map.entry(row.get(0, String.class), row.get(1, Long.class)))
                .all()
                .doOnNext(entry -> commits.put(entry.getKey(), entry.getValue()))
                .blockLast();
        return commits;
    }

    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> difference = new LinkedHashMap<>();
        after.forEach((key, value) -> difference.put(key, value - before.getOrDefault(key, value)));
        return difference;
    }

    /** Users signed up through the gateway whose deposit of 500 USDC became buying power. */
    List<GatewayClient> fundedUsers() {
        List<GatewayClient> users = Collections.synchronizedList(new ArrayList<>());
        Flux.range(0, USERS)
                .parallel(8)
                .runOn(Schedulers.boundedElastic())
                .map(i -> {
                    GatewayClient client = RunningSuite.signedUpUser(sandbox);
                    List<Map<String, Object>> wallets = await().atMost(Duration.ofMinutes(1))
                            .until(
                                    () -> client.graphQl("{ me { wallets { chain address } } }")
                                            .<List<Map<String, Object>>>at("me.wallets"),
                                    found -> found != null && found.size() == 2);
                    String address = wallets.stream()
                            .filter(w -> "ETHEREUM".equals(w.get("chain")))
                            .map(w -> (String) w.get("address"))
                            .findFirst()
                            .orElseThrow();
                    // funding learns the wallet from WalletCreated; a transfer before that waits for it
                    sandbox.post()
                            .uri("/sandbox/chain/transfers")
                            .bodyValue(Map.of("address", address, "amount", "500.000000"))
                            .retrieve()
                            .toBodilessEntity()
                            .block(RunningSuite.WITHIN);
                    await().atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> "500.00"
                                    .equals(client.graphQl("{ me { balance { buyingPowerUsd } } }")
                                            .at("me.balance.buyingPowerUsd")));
                    // investing knows it from funding's events: its pre-check reads it
                    await().atMost(Duration.ofMinutes(1))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> new java.math.BigDecimal("500")
                                            .compareTo(new java.math.BigDecimal(
                                                    client.graphQl("{ me { portfolio { cashUsd } } }")
                                                            .<String>at("me.portfolio.cashUsd")))
                                    == 0);
                    users.add(client);
                    return i;
                })
                .sequential()
                .blockLast();
        return users;
    }
}
