package com.stack.systemtests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deposits completed end to end by the whole suite as {@code ./stack up} runs it (every service its own
 * process with a 256 MB heap): USDC sent on the sandbox's chain -> Circle notification -> payout ->
 * DriveWealth deposit -> BROKER_FUNDED. Figures only, no asserts. Skipped unless asked for:
 *
 * <pre>./stack bench deposits</pre>
 *
 * Latency is from the driver's transfer request to the deposit's {@code broker_funded_at} in funding's
 * database (one clock: the same machine). Phases: p50/p99 at a moderate offered rate, sustained
 * throughput at a high one, and throughput with 300 ms added to every partner call and 2,000 deposits in
 * flight at once, against the bound that in-flight count / partner latency sets (and the CPU-bound
 * throughput of the second phase); the funding service's live threads are read from its metrics during
 * each phase. {@code -Dstack.benchmark.rate.latency=75}, {@code -Dstack.benchmark.rate.sustained=150},
 * {@code -Dstack.benchmark.seconds.sustained=60}, {@code -Dstack.benchmark.in-flight=2000},
 * {@code -Dstack.benchmark.seconds.warm-up=10} (at 20/s) and {@code -Dstack.benchmark.users=8} change them.
 */
@EnabledIfSystemProperty(named = "stack.benchmark", matches = "true")
class DepositBenchmark {

    /** Users the deposits are spread over (each user's postings are serialized by the ledger). */
    static final int USERS = Integer.getInteger("stack.benchmark.users", 8);

    static final ParameterizedTypeReference<Map<String, Object>> JSON = RunningSuite.JSON;

    /** A pool that lets every offered request wait for a connection instead of failing (an open load). */
    final WebClient sandbox = WebClient.builder()
            .baseUrl(RunningSuite.SANDBOX)
            .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                    reactor.netty.http.client.HttpClient.create(
                            reactor.netty.resources.ConnectionProvider.builder("benchmark")
                                    .maxConnections(256)
                                    .pendingAcquireMaxCount(-1)
                                    .pendingAcquireTimeout(Duration.ofMinutes(5))
                                    .build())))
            .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();

    final WebClient funding = WebClient.create(RunningSuite.FUNDING);
    final DatabaseClient fundingDb = RunningSuite.fundingDb();
    final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicLong failedSends = new java.util.concurrent.atomic.AtomicLong();
    final List<Long> threadSamples = Collections.synchronizedList(new ArrayList<>());

    @Test
    void depositsCompletedEndToEnd() {
        List<String> addresses = addresses();
        int latencyRate = Integer.getInteger("stack.benchmark.rate.latency", 75);
        int sustainedRate = Integer.getInteger("stack.benchmark.rate.sustained", 150);
        int sustainedSeconds = Integer.getInteger("stack.benchmark.seconds.sustained", 60);
        int inFlight = Integer.getInteger("stack.benchmark.in-flight", 2000);

        // the JIT compilers of seven JVMs share two cores: a short warm-up measures them compiling
        int warmUpSeconds = Integer.getInteger("stack.benchmark.seconds.warm-up", 10);
        report("warm-up, " + warmUpSeconds + " s", offer(addresses, 20, warmUpSeconds));
        Phase latency = offer(addresses, latencyRate, 30);
        report("latency at " + latencyRate + "/s offered, 30 s", latency);
        Phase sustained = offer(addresses, sustainedRate, sustainedSeconds);
        report("sustained at " + sustainedRate + "/s offered, " + sustainedSeconds + " s", sustained);

        // 300 ms on every partner call the services make
        List<String> faults = new ArrayList<>();
        for (String partner : List.of("circle", "drivewealth")) {
            Map<String, Object> fault = sandbox.post()
                    .uri("/sandbox/faults")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("partner", partner, "latencyMs", 300))
                    .retrieve()
                    .bodyToMono(JSON)
                    .block();
            faults.add(String.valueOf(fault.get("id")));
        }
        try {
            Phase slow = offer(addresses, inFlight, 1);
            report(inFlight + " at once with 300 ms on every partner call", slow);
            // per deposit, the calls on the saga's path: Circle payout, DriveWealth deposit (the token is cached)
            double bound = inFlight / 0.6;
            System.out.printf(
                    "  bound by in-flight/latency: %.0f deposits/s; CPU-bound (sustained phase): %.1f/s;"
                            + " achieved %.1f%% of the lower%n",
                    bound, sustained.throughput(), 100 * slow.throughput() / Math.min(bound, sustained.throughput()));
        } finally {
            faults.forEach(id -> sandbox.delete()
                    .uri("/sandbox/faults/{id}", id)
                    .retrieve()
                    .toBodilessEntity()
                    .block());
        }
        // every service ran the benchmark with a 256 MB heap (./stack up: -Xmx256m -XX:+ExitOnOutOfMemoryError)
        RunningSuite.reportServiceHealth();
    }

    record Phase(int offered, int completed, double seconds, List<Long> latenciesMs, long maxThreads) {

        double throughput() {
            return completed / seconds;
        }

        long percentile(double p) {
            return RunningSuite.percentile(latenciesMs, p);
        }
    }

    static void report(String name, Phase phase) {
        System.out.printf(
                "%-55s offered %5d, completed %5d in %6.1f s = %7.1f deposits/s; p50 %5d ms, p99 %5d ms;"
                        + " funding live threads max %d%n",
                name,
                phase.offered(),
                phase.completed(),
                phase.seconds(),
                phase.throughput(),
                phase.percentile(0.50),
                phase.percentile(0.99),
                phase.maxThreads());
    }

    /** Offers {@code rate} deposits a second for {@code seconds}, then waits for them all to finish. */
    Phase offer(List<String> addresses, int rate, int seconds) {
        threadSamples.clear();
        List<String> hashes = Collections.synchronizedList(new ArrayList<>());
        Instant start = Instant.now();
        var sampler = Flux.interval(Duration.ofMillis(500))
                .flatMap(tick -> liveThreads())
                .subscribe(threadSamples::add);
        // an open load: request i goes out at start + i / rate, whether or not earlier ones were answered
        long startNanos = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        Flux.range(0, rate * seconds)
                .flatMap(
                        i -> Mono.defer(() -> Mono.delay(Duration.ofNanos(
                                        Math.max(0, startNanos + i * intervalNanos - System.nanoTime()))))
                                .then(Mono.defer(() -> {
                                    // not UUID.randomUUID: this runs on an event loop
                                    var random = java.util.concurrent.ThreadLocalRandom.current();
                                    String tx = "0x%016x%016x%016x%016x"
                                            .formatted(
                                                    random.nextLong(),
                                                    random.nextLong(),
                                                    random.nextLong(),
                                                    System.nanoTime());
                                    hashes.add(tx);
                                    sentAt.put(tx, Instant.now());
                                    return sandbox.post()
                                            .uri("/sandbox/chain/transfers")
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .bodyValue(Map.of(
                                                    "address",
                                                    addresses.get(i % addresses.size()),
                                                    "amount",
                                                    "1.000000",
                                                    "txHash",
                                                    tx))
                                            .retrieve()
                                            .toBodilessEntity()
                                            .onErrorResume(e -> {
                                                // not sent: not waited for
                                                hashes.remove(tx);
                                                failedSends.incrementAndGet();
                                                return Mono.empty();
                                            });
                                })),
                        4096)
                .blockLast();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> finished(hashes) >= hashes.size());
        sampler.dispose();
        List<Long> latencies = new ArrayList<>();
        Instant last = start;
        for (Map<String, Object> row : funded(hashes)) {
            Instant funded = ((OffsetDateTime) row.get("broker_funded_at")).toInstant();
            latencies.add(Duration.between(sentAt.get((String) row.get("tx_hash")), funded)
                    .toMillis());
            last = funded.isAfter(last) ? funded : last;
        }
        long maxThreads =
                threadSamples.stream().mapToLong(Long::longValue).max().orElse(-1);
        if (failedSends.get() > 0) {
            System.out.printf(
                    "  (%d transfer requests to the sandbox failed and were not counted)%n", failedSends.getAndSet(0));
        }
        return new Phase(
                hashes.size(),
                latencies.size(),
                Duration.between(start, last).toMillis() / 1000.0,
                latencies,
                maxThreads);
    }

    long finished(List<String> hashes) {
        return fundingDb
                .sql(
                        "SELECT count(*) FROM deposits WHERE tx_hash = ANY(:hashes) AND status IN ('broker_funded', 'failed')")
                .bind("hashes", hashes.toArray(String[]::new))
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    List<Map<String, Object>> funded(List<String> hashes) {
        return fundingDb
                .sql(
                        "SELECT tx_hash, broker_funded_at FROM deposits WHERE tx_hash = ANY(:hashes) AND status = 'broker_funded'")
                .bind("hashes", hashes.toArray(String[]::new))
                .fetch()
                .all()
                .collectList()
                .block();
    }

    /** The funding service's live JVM threads, from its Prometheus scrape (open to SREs like health). */
    Mono<Long> liveThreads() {
        return funding.get()
                .uri("/actuator/prometheus")
                .retrieve()
                .bodyToMono(String.class)
                .flatMapMany(text -> Flux.fromArray(text.split("\n")))
                .filter(line -> line.startsWith("jvm_threads_live_threads"))
                .next()
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .onErrorResume(e -> Mono.empty());
    }

    /** Approved users' Ethereum and Solana wallet addresses, made through the gateway as the app would. */
    List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            GatewayClient client = RunningSuite.signedUpUser(sandbox);
            List<Map<String, Object>> wallets = await().atMost(Duration.ofMinutes(1))
                    .until(
                            () -> client.graphQl("{ me { wallets { address } } }")
                                    .<List<Map<String, Object>>>at("me.wallets"),
                            found -> found != null && found.size() == 2);
            // Ethereum wallets: the driver's transaction hashes are Ethereum's 0x + 64 hex digits
            wallets.stream()
                    .map(wallet -> (String) wallet.get("address"))
                    .filter(address -> address.startsWith("0x"))
                    .forEach(addresses::add);
        }
        // funding learns the wallets from WalletCreated
        String[] known = addresses.stream()
                .map(a -> a.toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> fundingDb
                                .sql("SELECT count(*) FROM known_wallets WHERE address = ANY(:a)")
                                .bind("a", known)
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .block()
                        >= addresses.size());
        return addresses;
    }
}
