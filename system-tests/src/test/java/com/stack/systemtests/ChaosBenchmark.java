package com.stack.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Issue #22: a thousand mixed money flows under partner faults, killed services and infrastructure outages, against
 * the whole suite as {@code ./stack up} runs it; then, with the faults removed and the suite quiet, the invariants
 * that say no cent was lost, invented or paid twice ({@link ChaosInvariants}). Skipped unless asked for:
 *
 * <pre>./stack bench chaos</pre>
 *
 * <ol>
 * <li>Setup, without faults: {@code users} users signed up, KYC approved, both wallets ACTIVE, each funded by one
 * deposit that became buying power in funding and in investing.</li>
 * <li>The load: {@code flows} flows at an even rate over {@code load-seconds}, each drawn from the seed: a deposit
 * (USDC sent on Ethereum or Solana to one of the user's wallets), a withdrawal (to an Ethereum or Solana address) or
 * an order (a notional buy of a stock or ETF). A withdrawal and an order are asked through the gateway under their
 * own idempotency key and asked again under the same key as the mobile app does ({@link MobileAppRetries}).</li>
 * <li>During the load: every partner's API requests answered 500/502/503 or held until the client gives up
 * ({@code fault.5xx}, {@code fault.timeout}), every partner's deliveries duplicated and reordered
 * ({@code fault.duplicate}, {@code fault.reorder}); and one fault every {@code fault-spacing-seconds}, in an order
 * drawn from the seed ({@link ChaosSchedule}): each service but the sandbox killed and started again, the Kafka
 * broker stopped, Redis shut down, and one database refusing connections, each outage {@code outage-seconds}.</li>
 * <li>The end: the partner faults removed, a wait until every flow is final (or {@code deadline-minutes}), then the
 * invariants; the report (schedule, counts per flow and status, recovery after each fault, invariants) is printed
 * and written to {@code system-tests/target/chaos/}. The run fails when an invariant does not hold.</li>
 * </ol>
 *
 * <p>The same seed draws the same users, flows, amounts and fault schedule; which partner request a partner fault
 * hits is the sandbox's draw. Properties, all {@code -Dstack.chaos.*}: {@code seed} (20261207), {@code users} (200),
 * {@code flows} (1200), {@code load-seconds} (540), {@code first-fault-seconds} (60), {@code fault-spacing-seconds}
 * (50), {@code outage-seconds} (30), {@code database} (stack_funding), {@code fault.5xx} (0.10),
 * {@code fault.timeout} (0.03), {@code fault.duplicate} (0.05), {@code fault.reorder} (0.05), {@code deadline-minutes}
 * (15).
 */
@EnabledIfSystemProperty(named = "stack.benchmark", matches = "true")
class ChaosBenchmark {

    static final long SEED = Long.getLong("stack.chaos.seed", 20261207L);
    static final int USERS = Integer.getInteger("stack.chaos.users", 200);
    static final int FLOWS = Integer.getInteger("stack.chaos.flows", 1200);
    static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("stack.chaos.load-seconds", 540));
    static final Duration FIRST_FAULT = Duration.ofSeconds(Integer.getInteger("stack.chaos.first-fault-seconds", 60));
    static final Duration FAULT_SPACING =
            Duration.ofSeconds(Integer.getInteger("stack.chaos.fault-spacing-seconds", 50));
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("stack.chaos.outage-seconds", 30));
    static final String DATABASE = System.getProperty("stack.chaos.database", "stack_funding");
    static final double FIVE_XX = Double.parseDouble(System.getProperty("stack.chaos.fault.5xx", "0.10"));
    static final double TIMEOUT = Double.parseDouble(System.getProperty("stack.chaos.fault.timeout", "0.03"));
    static final double DUPLICATE = Double.parseDouble(System.getProperty("stack.chaos.fault.duplicate", "0.05"));
    static final double REORDER = Double.parseDouble(System.getProperty("stack.chaos.fault.reorder", "0.05"));
    static final Duration DEADLINE = Duration.ofMinutes(Integer.getInteger("stack.chaos.deadline-minutes", 15));
    static final BigDecimal SETUP_DEPOSIT = new BigDecimal("100.000000");
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "VTI", "QQQ", "SPY");
    static final Path REPORTS = Path.of("target", "chaos").toAbsolutePath();

    enum Kind {
        DEPOSIT_ETHEREUM,
        DEPOSIT_SOLANA,
        WITHDRAWAL,
        ORDER
    }

    /**
     * One flow of the load, drawn from the seed: its user, when it goes out, its amount, and its target (a withdrawal's
     * chain, an order's symbol); {@code key} is the deposit's transaction hash, or the idempotency key.
     */
    record Flow(int index, Kind kind, int user, Duration at, BigDecimal amount, String target, String key) {

        String family() {
            return kind == Kind.DEPOSIT_ETHEREUM || kind == Kind.DEPOSIT_SOLANA
                    ? "deposit"
                    : kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** A user of the run: the gateway client and the addresses of the two custody wallets. */
    record User(GatewayClient client, String ethereumAddress, String solanaAddress) {}

    /** What the client saw: the answer's id (a deposit: the sandbox's transaction), or why there was none. */
    record Asked(Flow flow, Instant sent, String id, String refusal, int askedAgain) {}

    final WebClient sandbox = WebClient.builder()
            .baseUrl(RunningSuite.SANDBOX)
            .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024 * 1024))
            .build();
    final String run = Long.toString(System.currentTimeMillis(), 36);
    final Map<String, Integer> askedAgainFor = new ConcurrentHashMap<>();

    @Test
    void noCentLostUnderChaos() throws IOException {
        Files.createDirectories(REPORTS);
        Path actions = REPORTS.resolve("actions-" + run + ".log");
        ChaosReport report = new ChaosReport(SEED, run);
        report.line(
                "chaos run %s: seed %d, %d users, %d flows over %d s; partner faults: 5xx %.0f%%, held %.0f%%, deliveries"
                        + " duplicated %.0f%% and reordered %.0f%%; outages of %d s; scripts' output: %s",
                run,
                SEED,
                USERS,
                FLOWS,
                LOAD.toSeconds(),
                100 * FIVE_XX,
                100 * TIMEOUT,
                100 * DUPLICATE,
                100 * REORDER,
                OUTAGE.toSeconds(),
                actions);

        List<User> users = users(report);
        List<Flow> flows = draw(SEED, FLOWS, LOAD, users.size(), run);
        List<ChaosSchedule.Fault> schedule = ChaosSchedule.draw(SEED, FIRST_FAULT, FAULT_SPACING, OUTAGE, DATABASE);
        report.schedule(schedule);
        report.line(
                "flows drawn: %s",
                flows.stream().collect(Collectors.groupingBy(Flow::kind, TreeMap::new, Collectors.counting())));

        List<String> partnerFaults = new ArrayList<>();
        List<ChaosSchedule.Done> done = Collections.synchronizedList(new ArrayList<>());
        ChaosInvariants.Databases databases = ChaosInvariants.Databases.open();
        // a thread per fault: each begins at its time, whether the one before is over or not
        ScheduledExecutorService faults = Executors.newScheduledThreadPool(schedule.size());
        List<Asked> asked;
        Instant start;
        try {
            partnerFaults.addAll(addPartnerFaults(report));
            Instant began = Instant.now();
            start = began;
            for (ChaosSchedule.Fault fault : schedule) {
                faults.schedule(
                        () -> {
                            System.out.printf(
                                    "  +%d s: %s%n",
                                    Duration.between(began, Instant.now()).toSeconds(), fault.describe());
                            ChaosSchedule.Done did = ChaosSchedule.run(fault, databases.postgres(), actions);
                            done.add(did);
                            System.out.printf(
                                    "  +%d s: over: %s%n",
                                    Duration.between(began, did.ended()).toSeconds(), did.outcome());
                        },
                        fault.at().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            asked = drive(flows, users, began);
            faults.shutdown();
            if (!faults.awaitTermination(10, TimeUnit.MINUTES)) {
                report.line("a fault did not end within 10 minutes after the load");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            faults.shutdownNow();
            ChaosSchedule.allowConnections(DATABASE, databases.postgres());
            partnerFaults.forEach(id -> sandbox.delete()
                    .uri("/sandbox/faults/{id}", id)
                    .retrieve()
                    .toBodilessEntity()
                    .onErrorResume(e -> Mono.empty())
                    .block(RunningSuite.WITHIN));
            System.out.printf("partner faults removed: %d%n", partnerFaults.size());
        }
        Instant loadEnded = Instant.now();
        try {
            report.faultsDone(start, done);
            report.driver(asked, askedAgainFor);
            ChaosInvariants invariants = new ChaosInvariants(
                    databases,
                    sandbox,
                    asked,
                    users.stream()
                            .flatMap(user -> java.util.stream.Stream.of(user.ethereumAddress(), user.solanaAddress()))
                            .toList());
            invariants.awaitQuiet(DEADLINE, report);
            report.outcome(invariants.outcomes(), start, loadEnded, done, FLOWS / (double) LOAD.toSeconds());
            List<ChaosReport.Check> checks = new ArrayList<>();
            List<String> notDone = done.stream()
                    .filter(did ->
                            did.outcome().startsWith("FAILED") || did.outcome().startsWith("SKIPPED"))
                    .map(did -> did.fault().describe() + ": " + did.outcome())
                    .toList();
            checks.add(new ChaosReport.Check(
                    "every scheduled fault done and over",
                    notDone.isEmpty() && done.size() == schedule.size(),
                    done.size() + " of " + schedule.size() + " done"
                            + (notDone.isEmpty() ? "" : "; not as scheduled: " + notDone)));
            checks.addAll(invariants.check());
            report.invariants(checks);
            RunningSuite.reportServiceHealth();
        } finally {
            Path file = report.write(REPORTS);
            System.out.println("report written to " + file);
        }
        report.assertPassed();
    }

    // --- setup ----------------------------------------------------------------------------------------------

    /** The users, made 8 at a time, each with both wallets ACTIVE and funded by one deposit (buying power everywhere). */
    List<User> users(ChaosReport report) {
        Instant started = Instant.now();
        List<User> made = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            tasks.add(() -> {
                try {
                    made.add(user());
                } catch (RuntimeException e) {
                    System.out.printf("  a user was not set up: %s%n", e);
                }
            });
        }
        WithdrawalBenchmark.runAll(8, tasks);
        List<User> funded = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> checks = made.stream()
                .<Runnable>map(user -> () -> {
                    try {
                        await().atMost(Duration.ofMinutes(3))
                                .pollInterval(Duration.ofSeconds(1))
                                .until(() -> {
                                    String cash = user.client()
                                            .graphQl("{ me { portfolio { cashUsd } } }")
                                            .at("me.portfolio.cashUsd");
                                    return cash != null && new BigDecimal(cash).compareTo(SETUP_DEPOSIT) == 0;
                                });
                        funded.add(user);
                    } catch (RuntimeException e) {
                        System.out.printf("  a user's deposit did not become buying power: %s%n", e);
                    }
                })
                .toList();
        WithdrawalBenchmark.runAll(8, checks);
        // the same users in the same order whatever order they were made in: the seed draws by index
        List<User> ordered = funded.stream()
                .sorted(java.util.Comparator.comparing(User::ethereumAddress))
                .toList();
        report.line(
                "setup: %d of %d users signed up, KYC approved, wallets ACTIVE, funded with %s USDC each (buying power in"
                        + " funding and investing) in %d s",
                ordered.size(),
                USERS,
                SETUP_DEPOSIT.toPlainString(),
                Duration.between(started, Instant.now()).toSeconds());
        return ordered;
    }

    User user() {
        GatewayClient client = RunningSuite.signedUpUser(sandbox);
        Map<String, String> wallets = RunningSuite.activeWallets(client);
        User user = new User(client, wallets.get("ETHEREUM"), wallets.get("SOLANA"));
        transfer(user.ethereumAddress(), SETUP_DEPOSIT, null);
        return user;
    }

    Map<String, Object> transfer(String address, BigDecimal amount, String txHash) {
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("address", address, "amount", amount.setScale(6).toPlainString()));
        if (txHash != null) {
            body.put("txHash", txHash);
        }
        return sandbox.post()
                .uri("/sandbox/chain/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(RunningSuite.JSON)
                .block(RunningSuite.WITHIN);
    }

    // --- the flows ------------------------------------------------------------------------------------------

    /** The flows, drawn from the seed: 40% deposits (half on each chain), 30% withdrawals, 30% orders. */
    static List<Flow> draw(long seed, int count, Duration load, int userCount, String run) {
        Random random = new Random(seed);
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Duration at = load.multipliedBy(i).dividedBy(count);
            int user = random.nextInt(userCount);
            double which = random.nextDouble();
            String key = "chaos" + run + "s" + seed + "n" + i;
            if (which < 0.4) {
                Kind kind = random.nextBoolean() ? Kind.DEPOSIT_ETHEREUM : Kind.DEPOSIT_SOLANA;
                flows.add(new Flow(
                        i,
                        kind,
                        user,
                        at,
                        cents(random, 500, 2500),
                        kind == Kind.DEPOSIT_ETHEREUM ? "ETHEREUM" : "SOLANA",
                        key));
            } else if (which < 0.7) {
                flows.add(new Flow(
                        i,
                        Kind.WITHDRAWAL,
                        user,
                        at,
                        cents(random, 100, 300),
                        random.nextBoolean() ? "ETHEREUM" : "SOLANA",
                        key));
            } else {
                flows.add(new Flow(
                        i,
                        Kind.ORDER,
                        user,
                        at,
                        cents(random, 100, 300),
                        SYMBOLS.get(random.nextInt(SYMBOLS.size())),
                        key));
            }
        }
        return flows;
    }

    static BigDecimal cents(Random random, int from, int to) {
        return BigDecimal.valueOf(from + random.nextInt(to - from + 1))
                .movePointLeft(2)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Sends every flow at its time (an open load: a slow answer does not delay the next flow); waits for all. */
    List<Asked> drive(List<Flow> flows, List<User> users, Instant start) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clients = Executors.newFixedThreadPool(96);
        List<Future<Asked>> answers = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> timed = new ArrayList<>();
            for (Flow flow : flows) {
                long delay = Math.max(
                        0,
                        Duration.between(Instant.now(), start.plus(flow.at())).toMillis());
                timed.add(timer.schedule(
                        () -> answers.add(clients.submit(() -> ask(flow, users.get(flow.user())))),
                        delay,
                        TimeUnit.MILLISECONDS));
            }
            timed.forEach(WithdrawalBenchmark::result);
            List<Asked> asked = new ArrayList<>(List.copyOf(answers).stream()
                    .map(WithdrawalBenchmark::result)
                    .toList());
            asked.sort(java.util.Comparator.comparingInt(a -> a.flow().index()));
            return asked;
        } finally {
            timer.shutdownNow();
            clients.shutdownNow();
        }
    }

    Asked ask(Flow flow, User user) {
        Instant sent = Instant.now();
        return switch (flow.kind()) {
            case DEPOSIT_ETHEREUM, DEPOSIT_SOLANA -> deposit(flow, user, sent);
            case WITHDRAWAL ->
                mutation(
                        flow,
                        user,
                        sent,
                        WithdrawalRequestTest.INITIATE,
                        Map.of(
                                "input",
                                Map.of(
                                        "amountUsd",
                                        flow.amount().toPlainString(),
                                        "chain",
                                        flow.target(),
                                        "address",
                                        "ETHEREUM".equals(flow.target())
                                                ? WithdrawalToAddressTest.ETHEREUM_TARGET
                                                : WithdrawalRequestTest.SOLANA_TARGET,
                                        "idempotencyKey",
                                        flow.key())),
                        "initiateWithdrawal.id");
            case ORDER ->
                mutation(
                        flow,
                        user,
                        sent,
                        OrderFlows.PLACE,
                        Map.of(
                                "i",
                                Map.of(
                                        "symbol",
                                        flow.target(),
                                        "side",
                                        "BUY",
                                        "amountUsd",
                                        flow.amount().toPlainString(),
                                        "idempotencyKey",
                                        flow.key())),
                        "placeOrder.id");
        };
    }

    /** The chain is the outside world: the transfer is made once (the sandbox is not faulted by its own control API). */
    Asked deposit(Flow flow, User user, Instant sent) {
        String address = flow.kind() == Kind.DEPOSIT_ETHEREUM ? user.ethereumAddress() : user.solanaAddress();
        try {
            Map<String, Object> made = transfer(address, flow.amount(), flow.key());
            return new Asked(flow, sent, String.valueOf(made.get("id")), null, 0);
        } catch (RuntimeException e) {
            return new Asked(flow, sent, null, "the sandbox's chain did not take the transfer: " + e, 0);
        }
    }

    /** A mutation asked as the mobile app asks it, always under the flow's idempotency key. */
    Asked mutation(Flow flow, User user, Instant sent, String query, Map<String, Object> variables, String idPath) {
        // about 12 minutes of asking: longer than a service takes to come back on this machine while two others restart
        // under the load (up to 200 s seen), so a flow not asked for is one the suite refused, not one the client gave
        // up
        MobileAppRetries.Answer answer = MobileAppRetries.ask(user.client(), query, variables, idPath, 150);
        answer.askedAgain().forEach((why, times) -> askedAgainFor.merge(why, times, Integer::sum));
        return new Asked(flow, sent, answer.id(), answer.refusal(), answer.times());
    }

    // --- partner faults -------------------------------------------------------------------------------------

    /** The partner faults for the whole load: answers their ids. */
    List<String> addPartnerFaults(ChaosReport report) {
        // the oldest fault that hits wins and a miss costs nothing, so n faults of chance p hit 1 - (1 - p)^n
        double each = 1 - Math.pow(1 - FIVE_XX, 1.0 / WithdrawalBenchmark.TRANSIENT_STATUSES.size());
        List<Map<String, Object>> specs = new ArrayList<>();
        for (String partner : WithdrawalBenchmark.REQUEST_PARTNERS) {
            specs.add(Map.of("partner", partner, "timeout", true, "probability", TIMEOUT));
            for (int status : WithdrawalBenchmark.TRANSIENT_STATUSES) {
                specs.add(Map.of("partner", partner, "status", status, "probability", each));
            }
        }
        for (String partner : WithdrawalBenchmark.DELIVERY_PARTNERS) {
            specs.add(Map.of("partner", partner, "delivery", "*", "kind", "duplicate", "probability", DUPLICATE));
            specs.add(Map.of("partner", partner, "delivery", "*", "kind", "reorder", "probability", REORDER));
        }
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> spec : specs) {
            Map<String, Object> fault = sandbox.post()
                    .uri("/sandbox/faults")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(spec)
                    .retrieve()
                    .bodyToMono(RunningSuite.JSON)
                    .block(RunningSuite.WITHIN);
            ids.add((String) fault.get("id"));
        }
        report.line(
                "partner faults for the whole load: every API request of %s held until the client gives up (%.0f%%) or"
                        + " answered 500/502/503 (%.0f%% in all); every delivery of %s duplicated (%.0f%%) or reordered (%.0f%%)",
                WithdrawalBenchmark.REQUEST_PARTNERS,
                100 * TIMEOUT,
                100 * FIVE_XX,
                WithdrawalBenchmark.DELIVERY_PARTNERS,
                100 * DUPLICATE,
                100 * REORDER);
        return ids;
    }

    static void pause(Duration duration) {
        WithdrawalBenchmark.pause(duration);
    }
}
