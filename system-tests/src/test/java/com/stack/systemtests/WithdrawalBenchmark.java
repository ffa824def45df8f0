package com.stack.systemtests;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Issue #6's acceptance (Story 2.4, AC 7), measured against the whole suite as {@code ./stack up} runs it:
 * withdrawals through the gateway while the sandbox fails a share of every partner's API requests with a
 * transient 5xx and delivers a share of every partner's events twice. Figures only, no asserts. Skipped
 * unless asked for:
 *
 * <pre>./stack bench withdrawals</pre>
 *
 * Setup, without faults: users signed up, KYC approved, both wallets ACTIVE and known to funding with their
 * custodian's id, each funded by one deposit (BROKER_FUNDED). Then the faults, then the withdrawals (each under
 * its own idempotency key, alternately to an Ethereum and a Solana address; an answer the gateway did not give,
 * or gave as a 5xx, is asked again under the same key). Then, once every withdrawal is final or the deadline
 * passed: the final statuses against the 99.5% target, the compensations of the failed ones, the stuck ones,
 * double payments as the sandbox saw them (on chain, at the broker, at the on-ramp), funding's ledger
 * invariant, duration and throughput, and every service's health. The faults are removed whatever happens.
 *
 * <p>{@code -Dstack.benchmark.withdrawals=1000}, {@code -Dstack.benchmark.withdrawals-per-user=5} (the
 * gateway's initiateWithdrawal limit is 5 per minute per user), {@code -Dstack.benchmark.deadline-minutes=10},
 * {@code -Dstack.benchmark.fault.5xx=0.10}, {@code -Dstack.benchmark.fault.duplicate=0.05},
 * {@code -Dstack.benchmark.setup-concurrency=8} (the users made at once), {@code -Dstack.benchmark.drivers=16}
 * (the users withdrawing at once) change them.
 */
@EnabledIfSystemProperty(named = "stack.benchmark", matches = "true")
class WithdrawalBenchmark {

    static final int WITHDRAWALS = Integer.getInteger("stack.benchmark.withdrawals", 1000);
    static final int PER_USER = Integer.getInteger("stack.benchmark.withdrawals-per-user", 5);
    static final Duration DEADLINE = Duration.ofMinutes(Integer.getInteger("stack.benchmark.deadline-minutes", 10));
    static final double FIVE_XX = Double.parseDouble(System.getProperty("stack.benchmark.fault.5xx", "0.10"));
    static final double DUPLICATE = Double.parseDouble(System.getProperty("stack.benchmark.fault.duplicate", "0.05"));
    static final int SETUP_CONCURRENCY = Integer.getInteger("stack.benchmark.setup-concurrency", 8);
    static final int DRIVERS = Integer.getInteger("stack.benchmark.drivers", 16);
    static final double TARGET_PERCENT = 99.5;

    /** The partners whose API requests the sandbox can fail, and those whose deliveries it can duplicate. */
    static final List<String> REQUEST_PARTNERS = List.of("circle", "kyc", "drivewealth", "due", "alpaca");

    static final List<String> DELIVERY_PARTNERS = List.of("circle", "drivewealth", "due", "alpaca");
    /** The transient statuses, each its own fault, together failing {@link #FIVE_XX} of a partner's requests. */
    static final List<Integer> TRANSIENT_STATUSES = List.of(500, 502, 503);

    static final BigDecimal AMOUNT = new BigDecimal("2.00");
    static final String INITIATE = WithdrawalRequestTest.INITIATE;
    static final Set<String> FINAL = Set.of("complete", "failed");

    final WebClient sandbox = WebClient.builder()
            .baseUrl(RunningSuite.SANDBOX)
            .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024 * 1024))
            .build();
    final DatabaseClient fundingDb = RunningSuite.fundingDb();
    final String run = Long.toString(System.currentTimeMillis(), 36);
    /** The GraphQL answers asked again (HTTP status and error codes), how often each. */
    final Map<String, Integer> retriedAnswers = new ConcurrentHashMap<>();

    /** A funded user: the gateway client, the two custody wallets' addresses, the deposit's hash. */
    record User(GatewayClient client, String ethereumAddress, String solanaAddress, String depositTxHash) {}

    /** What the driver saw asking for one withdrawal. */
    record Asked(
            String key,
            String id,
            String refusal,
            int gatewayErrors,
            int noAnswers,
            int unavailable,
            int rateLimited) {}

    @Test
    void withdrawalsCompleteUnderPartnerFaults() {
        int userCount = (WITHDRAWALS + PER_USER - 1) / PER_USER;
        System.out.printf(
                "withdrawal benchmark: %d withdrawals of %s USD, %d per user, %d users; deadline %s%n",
                WITHDRAWALS, AMOUNT, PER_USER, userCount, DEADLINE);
        List<User> users = fundedUsers(userCount);

        List<String> faults = new ArrayList<>();
        List<Asked> asked;
        Instant start;
        try {
            faults.addAll(addFaults());
            start = Instant.now();
            asked = withdraw(users);
            awaitFinal(asked.stream().map(Asked::key).toList(), start);
            reportFaultHits(faults);
        } finally {
            faults.forEach(id -> sandbox.delete()
                    .uri("/sandbox/faults/{id}", id)
                    .retrieve()
                    .toBodilessEntity()
                    .onErrorResume(e -> Mono.empty())
                    .block(RunningSuite.WITHIN));
            System.out.printf("faults removed: %d%n", faults.size());
        }
        List<String> keys = asked.stream().map(Asked::key).toList();
        List<Map<String, Object>> rows = withdrawals(keys);
        reportDriver(asked, rows);
        reportOutcome(rows, start);
        reportDoublePayments(rows);
        reportLedger();
        RunningSuite.reportServiceHealth();
    }

    // --- setup ----------------------------------------------------------------------------------------------

    /** {@code count} users made at once {@link #SETUP_CONCURRENCY} at a time, each funded by one deposit. */
    List<User> fundedUsers(int count) {
        BigDecimal deposit = AMOUNT.multiply(BigDecimal.valueOf(PER_USER)).add(BigDecimal.TEN);
        Instant started = Instant.now();
        List<User> made = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(() -> {
                try {
                    made.add(fundedUser(deposit));
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    System.out.printf("  a user was not set up: %s%n", e);
                }
            });
        }
        runAll(SETUP_CONCURRENCY, tasks);
        // funding learns the custody wallets (with the custodian's ids) from WalletCreated, the deposits from Circle
        String[] addresses = made.stream()
                .flatMap(user -> java.util.stream.Stream.of(user.ethereumAddress(), user.solanaAddress()))
                .map(address -> address.toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count(
                                "SELECT count(*) FROM known_wallets WHERE lower(address) = ANY(:a) AND custodian_wallet_id IS NOT NULL",
                                "a",
                                addresses)
                        >= addresses.length);
        String[] hashes = made.stream().map(User::depositTxHash).toArray(String[]::new);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count(
                                "SELECT count(*) FROM deposits WHERE tx_hash = ANY(:h) AND status IN ('broker_funded', 'failed')",
                                "h",
                                hashes)
                        >= hashes.length);
        Set<String> funded = new HashSet<>(fundingDb
                .sql("SELECT tx_hash FROM deposits WHERE tx_hash = ANY(:h) AND status = 'broker_funded'")
                .bind("h", hashes)
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block());
        List<User> ready = made.stream()
                .filter(user -> funded.contains(user.depositTxHash()))
                .toList();
        System.out.printf(
                "setup: %d users signed up, KYC approved, wallets ACTIVE, funded with %s USDC each (BROKER_FUNDED)"
                        + " in %.1f s, %d at a time; not set up: %d, deposit not funded: %d%n",
                ready.size(),
                deposit,
                Duration.between(started, Instant.now()).toMillis() / 1000.0,
                SETUP_CONCURRENCY,
                failed.get(),
                made.size() - ready.size());
        return ready;
    }

    User fundedUser(BigDecimal deposit) {
        GatewayClient client = RunningSuite.signedUpUser(sandbox);
        Map<String, String> wallets = RunningSuite.activeWallets(client);
        var random = ThreadLocalRandom.current();
        String txHash = "0x%016x%016x%016x%016x"
                .formatted(random.nextLong(), random.nextLong(), random.nextLong(), System.nanoTime());
        String ethereum = wallets.get("ETHEREUM");
        sandbox.post()
                .uri("/sandbox/chain/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "address", ethereum, "amount", deposit.setScale(6).toPlainString(), "txHash", txHash))
                .retrieve()
                .toBodilessEntity()
                .block(RunningSuite.WITHIN);
        return new User(client, ethereum, wallets.get("SOLANA"), txHash);
    }

    // --- faults ---------------------------------------------------------------------------------------------

    /** Adds the faults; answers their ids. Each partner's three 5xx faults together hit FIVE_XX of its requests. */
    List<String> addFaults() {
        // the oldest fault that hits wins and a miss costs nothing, so n faults of chance p hit 1 - (1 - p)^n
        double each = 1 - Math.pow(1 - FIVE_XX, 1.0 / TRANSIENT_STATUSES.size());
        List<Map<String, Object>> specs = new ArrayList<>();
        for (String partner : REQUEST_PARTNERS) {
            for (int status : TRANSIENT_STATUSES) {
                specs.add(Map.of("partner", partner, "status", status, "probability", each));
            }
        }
        for (String partner : DELIVERY_PARTNERS) {
            specs.add(Map.of("partner", partner, "delivery", "*", "kind", "duplicate", "probability", DUPLICATE));
        }
        List<Map<String, Object>> before = new PartnerRecords(sandbox).list("/sandbox/faults", "faults");
        if (!before.isEmpty()) {
            System.out.printf("  (%d faults were active already, left as they are: %s)%n", before.size(), before);
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
        System.out.printf(
                "faults: every API request of %s answered 500, 502 or 503 (chance %.4f each, %.1f%% in all, without"
                        + " reaching the partner); every delivery of %s (\"*\": Circle's webhooks, DriveWealth's SQS"
                        + " messages, Due's webhooks, Alpaca's SSE events) duplicated with chance %.1f%%%n",
                REQUEST_PARTNERS, each, 100 * FIVE_XX, DELIVERY_PARTNERS, 100 * DUPLICATE);
        specs.forEach(spec -> System.out.println("  POST /sandbox/faults " + spec));
        return ids;
    }

    @SuppressWarnings("unchecked")
    void reportFaultHits(List<String> ids) {
        List<Map<String, Object>> active = (List<Map<String, Object>>) sandbox.get()
                .uri("/sandbox/faults")
                .retrieve()
                .bodyToMono(RunningSuite.JSON)
                .block(RunningSuite.WITHIN)
                .get("faults");
        Map<String, Long> hits = new TreeMap<>();
        for (Map<String, Object> fault : active) {
            if (ids.contains(fault.get("id"))) {
                String what = fault.get("partner")
                        + (fault.get("delivery") != null ? " deliveries duplicated" : " requests answered 5xx");
                hits.merge(what, ((Number) fault.get("hits")).longValue(), Long::sum);
            }
        }
        System.out.println("fault hits: " + hits);
    }

    // --- the withdrawals ------------------------------------------------------------------------------------

    /** Every user asks for its withdrawals in turn, {@link #DRIVERS} users at once. */
    List<Asked> withdraw(List<User> users) {
        List<Asked> asked = Collections.synchronizedList(new ArrayList<>());
        Instant started = Instant.now();
        List<Runnable> tasks = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            User user = users.get(u);
            int first = u * PER_USER;
            tasks.add(() -> {
                for (int i = first; i < Math.min(first + PER_USER, WITHDRAWALS); i++) {
                    asked.add(
                            i % 2 == 0
                                    ? ask(user, i, "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET)
                                    : ask(user, i, "SOLANA", WithdrawalRequestTest.SOLANA_TARGET));
                }
            });
        }
        runAll(DRIVERS, tasks);
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        System.out.printf(
                "initiated: %d initiateWithdrawal asked in %.1f s (%.1f/s), %d users at once%n",
                asked.size(), seconds, asked.size() / seconds, DRIVERS);
        return List.copyOf(asked);
    }

    /** One withdrawal, asked as the mobile app asks it, always under the same idempotency key. */
    Asked ask(User user, int index, String chain, String address) {
        String key = "bench-" + run + "-" + index;
        MobileAppRetries.Answer answer = MobileAppRetries.ask(
                user.client(),
                INITIATE,
                Map.of(
                        "input",
                        Map.of(
                                "amountUsd",
                                AMOUNT.toPlainString(),
                                "chain",
                                chain,
                                "address",
                                address,
                                "idempotencyKey",
                                key)),
                "initiateWithdrawal.id",
                20);
        answer.askedAgain().forEach((why, times) -> {
            if (!why.equals("no answer") && !why.equals("429")) {
                retriedAnswers.merge(why, times, Integer::sum);
            }
        });
        return new Asked(
                key,
                answer.id(),
                answer.refusal(),
                answer.times(why -> why.startsWith("5")),
                answer.times("no answer"::equals),
                answer.times(why -> why.startsWith("2")),
                answer.times("429"::equals));
    }

    /** Runs the tasks on {@code concurrency} threads (blocking test code: a thread per task in flight); waits for all. */
    static void runAll(int concurrency, List<Runnable> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running =
                    tasks.stream().<Future<?>>map(pool::submit).toList();
            running.forEach(WithdrawalBenchmark::result);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The task's result once it is done; its failure thrown as an unchecked exception. */
    static <T> T result(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every withdrawal made under these keys is COMPLETE or FAILED, or the deadline passes. */
    void awaitFinal(List<String> keys, Instant start) {
        Instant deadline = start.plus(DEADLINE);
        Instant nextProgress = Instant.now();
        while (true) {
            Map<String, Long> counts = statusCounts(keys);
            long open = counts.entrySet().stream()
                    .filter(e -> !FINAL.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            if (open == 0 || Instant.now().isAfter(deadline)) {
                System.out.printf(
                        "  %4d s: %s%s%n",
                        Duration.between(start, Instant.now()).toSeconds(), counts, open == 0 ? "" : " (deadline)");
                return;
            }
            if (!Instant.now().isBefore(nextProgress)) {
                System.out.printf(
                        "  %4d s: %s%n", Duration.between(start, Instant.now()).toSeconds(), counts);
                nextProgress = Instant.now().plusSeconds(30);
            }
            pause(Duration.ofSeconds(2));
        }
    }

    Map<String, Long> statusCounts(List<String> keys) {
        Map<String, Long> counts = new TreeMap<>();
        fundingDb
                .sql("SELECT status, count(*) FROM withdrawals WHERE idempotency_key = ANY(:k) GROUP BY status")
                .bind("k", keys.toArray(String[]::new))
                .map(row -> Map.entry(row.get(0, String.class), row.get(1, Long.class)))
                .all()
                .doOnNext(entry -> counts.put(entry.getKey(), entry.getValue()))
                .blockLast();
        return counts;
    }

    List<Map<String, Object>> withdrawals(List<String> keys) {
        return fundingDb
                .sql("SELECT w.id::text AS id, w.user_id::text AS user_id, w.status, w.target_chain, w.compensation,"
                        + " w.compensation_done, w.failure_reason, w.circle_on_ramp_ref, w.created_at, w.updated_at"
                        + " FROM withdrawals w WHERE w.idempotency_key = ANY(:k)")
                .bind("k", keys.toArray(String[]::new))
                .fetch()
                .all()
                .collectList()
                .block();
    }

    // --- the report -----------------------------------------------------------------------------------------

    void reportDriver(List<Asked> asked, List<Map<String, Object>> rows) {
        long answered = asked.stream().filter(a -> a.id() != null).count();
        Map<String, Long> refusals = asked.stream()
                .filter(a -> a.refusal() != null)
                .collect(Collectors.groupingBy(Asked::refusal, TreeMap::new, Collectors.counting()));
        System.out.printf(
                "driver: %d asked, %d answered with a withdrawal, %d withdrawals in funding under the keys;"
                        + " refused: %s%n",
                asked.size(), answered, rows.size(), refusals);
        System.out.printf(
                "  asked again under the same key: gateway 5xx %d times (%d withdrawals), no answer %d times,"
                        + " subgraph unavailable %d times, 429 RATE_LIMITED %d times%n",
                asked.stream().mapToInt(Asked::gatewayErrors).sum(),
                asked.stream().filter(a -> a.gatewayErrors() > 0).count(),
                asked.stream().mapToInt(Asked::noAnswers).sum(),
                asked.stream().mapToInt(Asked::unavailable).sum(),
                asked.stream().mapToInt(Asked::rateLimited).sum());
        System.out.printf("  subgraph-unavailable answers asked again, by status and codes: %s%n", retriedAnswers);
    }

    void reportOutcome(List<Map<String, Object>> rows, Instant start) {
        Map<String, Long> byStatus = rows.stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("status"), TreeMap::new, Collectors.counting()));
        long complete = byStatus.getOrDefault("complete", 0L);
        double percent = rows.isEmpty() ? 0 : 100.0 * complete / rows.size();
        System.out.printf(
                "final: %s; COMPLETE %.2f%% of %d (target %.1f%%: %s)%n",
                byStatus, percent, rows.size(), TARGET_PERCENT, percent >= TARGET_PERCENT ? "met" : "NOT met");

        List<Map<String, Object>> failed =
                rows.stream().filter(r -> "failed".equals(r.get("status"))).toList();
        Map<String, Long> compensations = failed.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("compensation") == null
                                ? "none needed (nothing had moved)"
                                : r.get("compensation")
                                        + (Boolean.TRUE.equals(r.get("compensation_done")) ? " done" : " NOT done"),
                        TreeMap::new,
                        Collectors.counting()));
        System.out.printf("FAILED: %d; compensation: %s%n", failed.size(), compensations);
        failed.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get("failure_reason")), Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .forEach(e -> System.out.printf("  %4d x %s%n", e.getValue(), e.getKey()));

        Map<String, Long> stuck = rows.stream()
                .filter(r -> !FINAL.contains(r.get("status")))
                .collect(Collectors.groupingBy(r -> (String) r.get("status"), TreeMap::new, Collectors.counting()));
        System.out.printf(
                "stuck (not final at the end): %d %s%n",
                stuck.values().stream().mapToLong(Long::longValue).sum(), stuck);

        List<Map<String, Object>> done =
                rows.stream().filter(r -> FINAL.contains(r.get("status"))).toList();
        List<Long> latencies = done.stream()
                .map(r -> Duration.between(
                                ((OffsetDateTime) r.get("created_at")).toInstant(),
                                ((OffsetDateTime) r.get("updated_at")).toInstant())
                        .toMillis())
                .toList();
        Instant last = done.stream()
                .map(r -> ((OffsetDateTime) r.get("updated_at")).toInstant())
                .max(Instant::compareTo)
                .orElse(start);
        double seconds = Math.max(0.001, Duration.between(start, last).toMillis() / 1000.0);
        System.out.printf(
                "duration: %.1f s from the first request to the last final withdrawal; %.2f withdrawals/s final;"
                        + " request to final p50 %d ms, p99 %d ms, max %d ms%n",
                seconds,
                done.size() / seconds,
                RunningSuite.percentile(latencies, 0.50),
                RunningSuite.percentile(latencies, 0.99),
                RunningSuite.percentile(latencies, 1.0));
    }

    /** Money moved more than once for one withdrawal, as the sandbox's partners recorded it. */
    @SuppressWarnings("unchecked")
    void reportDoublePayments(List<Map<String, Object>> rows) {
        Map<String, String> statusOf = new HashMap<>();
        rows.forEach(r -> statusOf.put((String) r.get("id"), (String) r.get("status")));
        PartnerRecords partners = new PartnerRecords(sandbox);

        // on chain: the custody wallets' outbound transactions, withdrawal-<id>-<attempt>
        Map<String, Integer> completeTransfers = new HashMap<>(partners.completeTransfers());
        completeTransfers.keySet().retainAll(statusOf.keySet());
        System.out.printf(
                "on chain: %d withdrawals paid more than once; COMPLETE but no COMPLETE transfer: %d;"
                        + " FAILED with a COMPLETE transfer: %d%n",
                completeTransfers.values().stream().filter(n -> n > 1).count(),
                statusOf.entrySet().stream()
                        .filter(e -> "complete".equals(e.getValue()) && !completeTransfers.containsKey(e.getKey()))
                        .count(),
                statusOf.entrySet().stream()
                        .filter(e -> "failed".equals(e.getValue()) && completeTransfers.containsKey(e.getKey()))
                        .count());

        // at the broker: DriveWealth redemptions, Alpaca journals to the firm or wires into Due virtual accounts, and
        // their refunds (deposits, journals or wires back)
        Map<String, Map<String, Integer>> moves = partners.settledBrokerMoves();
        Map<String, Integer> payouts = new HashMap<>(moves.getOrDefault("withdrawal", Map.of()));
        Map<String, Integer> refunds = new HashMap<>(moves.getOrDefault("deposit", Map.of()));
        moves.getOrDefault("refund of withdrawal", Map.of()).forEach((id, n) -> refunds.merge(id, n, Integer::sum));
        payouts.keySet().retainAll(statusOf.keySet());
        refunds.keySet().retainAll(statusOf.keySet());
        System.out.printf(
                "at the broker: %d withdrawals paid out more than once, %d refunded more than once;"
                        + " paid out: %d, refunded: %d%n",
                payouts.values().stream().filter(n -> n > 1).count(),
                refunds.values().stream().filter(n -> n > 1).count(),
                payouts.size(),
                refunds.size());

        // at the on-ramp: Circle Mint transfers into the benchmark's custody wallets that no withdrawal refers to
        Set<String> custody = new HashSet<>(fundingDb
                .sql("SELECT lower(k.address) FROM known_wallets k" + " WHERE k.user_id::text = ANY(:u)")
                .bind(
                        "u",
                        rows.stream()
                                .map(r -> (String) r.get("user_id"))
                                .distinct()
                                .toArray(String[]::new))
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block());
        Set<String> referred = rows.stream()
                .map(r -> (String) r.get("circle_on_ramp_ref"))
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        long unreferred = partners.onRampTransfers().stream()
                .filter(t ->
                        custody.contains(String.valueOf(((Map<String, Object>) t.get("destination")).get("address"))
                                .toLowerCase(Locale.ROOT)))
                .filter(t -> !"failed".equals(t.get("status")) && !referred.contains(t.get("id")))
                .count();
        System.out.printf(
                "at the on-ramp (Circle Mint): %d transfers into the users' custody wallets that no withdrawal"
                        + " refers to (USD on-ramped twice)%n",
                unreferred);
    }

    /** Funding's ledger invariant, as DepositFlows#assertLedgerBalanced and the ledger health indicator check it. */
    void reportLedger() {
        long unbalanced =
                count("SELECT count(*) FROM (" + DepositFlows.UNBALANCED_JOURNALS + ") unbalanced", null, null);
        long negative =
                count("SELECT count(*) FROM (" + DepositFlows.NEGATIVE_USER_ACCOUNTS + ") negative", null, null);
        BigDecimal sum = fundingDb
                .sql("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries")
                .map(row -> row.get(0, BigDecimal.class))
                .one()
                .block();
        String health = WebClient.create(RunningSuite.FUNDING)
                .get()
                .uri("/actuator/health/ledger")
                .retrieve()
                .bodyToMono(String.class)
                .onErrorResume(e -> Mono.just("unreadable: " + e))
                .block(RunningSuite.WITHIN);
        System.out.printf(
                "ledger: %d unbalanced journals, %d user accounts below zero, sum of all entries %s (%s);"
                        + " funding's /actuator/health/ledger: %s%n",
                unbalanced,
                negative,
                sum.toPlainString(),
                unbalanced == 0 && negative == 0 && sum.signum() == 0 ? "balanced" : "NOT balanced",
                health);
    }

    long count(String sql, String name, Object value) {
        DatabaseClient.GenericExecuteSpec spec = fundingDb.sql(sql);
        if (name != null) {
            spec = spec.bind(name, value);
        }
        return spec.map(row -> row.get(0, Long.class)).one().block();
    }
}
