package com.stack.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The chaos run's infrastructure faults: which happens when, drawn from the run's seed, and how each is done to the
 * suite as {@code ./stack up} runs it. Every application but the partner sandbox (the outside world, whose records
 * the run checks) is killed with SIGKILL once and started again by {@code ./stack start}; the Kafka broker is stopped
 * and started again by {@code infra/kafka.sh}; Redis is shut down and started again by {@code infra/redis.sh} (which
 * uses a Redis that answers, or starts one); one PostgreSQL database refuses every connection (and its open ones are
 * closed). Blocking: this is test code.
 */
final class ChaosSchedule {

    /** The applications killed once each, by their {@code ./stack up} names. */
    static final List<String> KILLED = List.of(
            "gateway", "onboarding-service", "wallet-service", "funding-service", "investing-service", "aicfo-service");

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path PIDS = ROOT.resolve(".run/apps");
    /**
     * How long the gateway stays down after its kill: longer than Circle's webhook retries last (the sandbox's, as
     * Circle's: 8 attempts over about a minute), so Circle gives up on the inbound notifications of that time and
     * funding must find those deposits in Circle's list of transactions.
     */
    static final Duration GATEWAY_DOWN = Duration.ofSeconds(90);
    /**
     * How far back a killed service's Kafka consumer group is set before it starts again: the events of that time are
     * delivered to it a second time, as after a crash between applying events and committing their offsets (which
     * the services' own crashes rarely hit). Each consumer must apply each event once all the same.
     */
    static final Duration REWIND = Duration.ofSeconds(120);

    static final String KAFKA = "127.0.0.1:" + System.getenv().getOrDefault("KAFKA_PORT", "9092");

    enum Kind {
        KILL,
        KAFKA_STOPPED,
        REDIS_STOPPED,
        DATABASE_REFUSES
    }

    /** One fault: at {@code at} after the load began, on {@code target}, for {@code lasts} (a kill: until restarted). */
    record Fault(Duration at, Kind kind, String target, Duration lasts) {

        String describe() {
            return switch (kind) {
                case KILL ->
                    target + " killed (SIGKILL), its consumer group rewound " + REWIND.toSeconds()
                            + " s, started again " + (lasts.isZero() ? "at once" : "after " + lasts.toSeconds() + " s");
                case KAFKA_STOPPED -> "Kafka broker stopped for " + lasts.toSeconds() + " s";
                case REDIS_STOPPED -> "Redis shut down for " + lasts.toSeconds() + " s";
                case DATABASE_REFUSES ->
                    "PostgreSQL database " + target + " refuses connections for " + lasts.toSeconds() + " s";
            };
        }
    }

    /** What happened when a fault was done: when it began and ended (the outage over, or the service ready again). */
    record Done(Fault fault, Instant began, Instant ended, String outcome) {}

    private ChaosSchedule() {}

    /**
     * The faults in an order drawn from {@code seed}: one every {@code spacing} after {@code first}, each kill and each
     * outage once.
     */
    static List<Fault> draw(long seed, Duration first, Duration spacing, Duration outage, String database) {
        List<Fault> kinds = new ArrayList<>();
        KILLED.forEach(name -> kinds.add(
                new Fault(Duration.ZERO, Kind.KILL, name, "gateway".equals(name) ? GATEWAY_DOWN : Duration.ZERO)));
        kinds.add(new Fault(Duration.ZERO, Kind.KAFKA_STOPPED, "kafka", outage));
        kinds.add(new Fault(Duration.ZERO, Kind.REDIS_STOPPED, "redis", outage));
        kinds.add(new Fault(Duration.ZERO, Kind.DATABASE_REFUSES, database, outage));
        Collections.shuffle(kinds, new Random(seed));
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Fault kind = kinds.get(i);
            faults.add(new Fault(first.plus(spacing.multipliedBy(i)), kind.kind(), kind.target(), kind.lasts()));
        }
        return List.copyOf(faults);
    }

    /** Does {@code fault} now and undoes it when it is over; answers when it began and ended. Never throws. */
    static Done run(Fault fault, DatabaseClient postgres, Path log) {
        Instant began = Instant.now();
        try {
            String outcome = switch (fault.kind()) {
                case KILL -> kill(fault.target(), fault.lasts(), log);
                case KAFKA_STOPPED -> kafkaStopped(fault.lasts(), log);
                case REDIS_STOPPED -> redisStopped(fault.lasts(), log);
                case DATABASE_REFUSES -> databaseRefuses(fault.target(), fault.lasts(), postgres);
            };
            return new Done(fault, began, Instant.now(), outcome);
        } catch (IOException | RuntimeException e) {
            return new Done(fault, began, Instant.now(), "FAILED TO DO: " + e);
        }
    }

    /** SIGKILL, {@code down} later {@code ./stack start}: answers once the service is ready again. */
    static String kill(String name, Duration down, Path log) throws IOException {
        long pid = Long.parseLong(Files.readString(PIDS.resolve(name + ".pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        Instant killed = Instant.now();
        String rewound = rewind(name, killed.minus(REWIND));
        Duration rest = down.minus(Duration.between(killed, Instant.now()));
        if (!rest.isNegative() && !rest.isZero()) {
            ChaosBenchmark.pause(rest);
        }
        shell(log, ROOT.resolve("stack").toString(), "start", name);
        return "pid " + pid + " killed; " + rewound + "; ready again after "
                + Duration.between(killed, Instant.now()).toSeconds() + " s";
    }

    /**
     * Sets the consumer group {@code group} (a service's: its name) back to its first records written at {@code to}
     * or later, on every partition it has read: the members the killed process left are removed first (they would
     * hold the group until their session timed out). Answers what it did; a service that consumes nothing has no
     * group and is left alone.
     */
    static String rewind(String group, Instant to) {
        return rewind(KAFKA, group, to);
    }

    static String rewind(String bootstrapServers, String group, Instant to) {
        try (Admin admin =
                Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            committed.values().removeIf(java.util.Objects::isNull);
            if (committed.isEmpty()) {
                return "no consumer group to rewind";
            }
            Map<TopicPartition, OffsetSpec> at = new HashMap<>();
            committed.keySet().forEach(partition -> at.put(partition, OffsetSpec.forTimestamp(to.toEpochMilli())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                    admin.listOffsets(at).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            long again = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                long first = found.get(entry.getKey()).offset();
                if (first >= 0 && first < entry.getValue().offset()) {
                    rewound.put(entry.getKey(), new OffsetAndMetadata(first));
                    again += entry.getValue().offset() - first;
                }
            }
            if (rewound.isEmpty()) {
                return "consumer group " + group + " had read nothing since then";
            }
            alterWhenEmpty(admin, group, rewound);
            return "consumer group " + group + " rewound: " + again + " records to be delivered again";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "FAILED TO REWIND " + group + ": interrupted";
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return "FAILED TO REWIND " + group + ": " + e;
        }
    }

    /** Moves the group's offsets once no member holds it (a dead member lingers until removed or timed out). */
    private static void alterWhenEmpty(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                        .all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // no member left to remove: the group is empty already
            }
            try {
                admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                ChaosBenchmark.pause(Duration.ofSeconds(2));
            }
        }
    }

    /** Stops the broker {@code ./stack up} started (infra/kafka.sh stops only its own), waits, starts it again. */
    static String kafkaStopped(Duration lasts, Path log) throws IOException {
        shell(log, ROOT.resolve("infra/kafka.sh").toString(), "down");
        if (portOpen(9092)) {
            return "SKIPPED: the broker on 9092 was not started by STACK (infra/kafka.sh leaves it alone)";
        }
        return "stopped " + downFor(lasts, log, "infra/kafka.sh") + " s (until it served again)";
    }

    /** Redis told to shut down without saving (whoever started it), then infra/redis.sh up after {@code lasts}. */
    static String redisStopped(Duration lasts, Path log) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 3000);
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (portOpen(6379) && Instant.now().isBefore(deadline)) {
            ChaosBenchmark.pause(Duration.ofMillis(100));
        }
        if (portOpen(6379)) {
            return "FAILED TO DO: Redis still answers on 6379 after SHUTDOWN NOSAVE";
        }
        return "down " + downFor(lasts, log, "infra/redis.sh") + " s (until it answered again)";
    }

    /** Leaves what just stopped down for {@code lasts}, then its infra script's {@code up}; answers the seconds down. */
    static long downFor(Duration lasts, Path log, String script) throws IOException {
        Instant stopped = Instant.now();
        ChaosBenchmark.pause(lasts);
        shell(log, ROOT.resolve(script).toString(), "up");
        return Duration.between(stopped, Instant.now()).toSeconds();
    }

    /** The database refuses new connections and its open ones are closed; after {@code lasts} it accepts them again. */
    static String databaseRefuses(String database, Duration lasts, DatabaseClient postgres) {
        postgres.sql("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false")
                .then()
                .block(Duration.ofSeconds(30));
        try {
            Long closed = postgres.sql(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :d")
                    .bind("d", database)
                    .map(row -> row.get(0, Long.class))
                    .one()
                    .block(Duration.ofSeconds(30));
            ChaosBenchmark.pause(lasts);
            return closed + " open connections closed; refused for " + lasts.toSeconds() + " s";
        } finally {
            allowConnections(database, postgres);
        }
    }

    static void allowConnections(String database, DatabaseClient postgres) {
        postgres.sql("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true")
                .then()
                .block(Duration.ofSeconds(30));
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a project script from the repository's root, its output appended to {@code log}; fails unless it exits 0. */
    static void shell(Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // a service restarting on a machine busy with the load and the other restarts may take minutes to be ready
        builder.environment().put("STACK_READY_TIMEOUT", "300");
        Process process = builder.directory(ROOT.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(6, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish within 6 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited " + process.exitValue() + "; see " + log);
        }
    }
}
