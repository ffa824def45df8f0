package com.stack.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The chaos run's report: what it did and saw, line by line, printed as it goes and written to a Markdown file at the
 * end; and the verdict, which fails the run when an invariant does not hold.
 */
final class ChaosReport {

    /** The window over which the rate of flows completing is measured. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(15);
    /** The share of the offered rate (the pre-fault level: what the suite completes without faults) that is recovery. */
    static final double RECOVERED = 0.8;

    /** One invariant's verdict. */
    record Check(String name, boolean passed, String detail) {}

    private final long seed;
    private final String run;
    private final List<String> lines = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    ChaosReport(long seed, String run) {
        this.seed = seed;
        this.run = run;
    }

    void line(String format, Object... arguments) {
        String line = String.format(format, arguments);
        System.out.println(line);
        lines.add(line);
    }

    void schedule(List<ChaosSchedule.Fault> faults) {
        line("fault schedule (seed %d), from the start of the load:", seed);
        faults.forEach(fault -> line("- +%d s: %s", fault.at().toSeconds(), fault.describe()));
    }

    void faultsDone(Instant start, List<ChaosSchedule.Done> done) {
        line("faults done:");
        done.stream()
                .sorted(java.util.Comparator.comparing(ChaosSchedule.Done::began))
                .forEach(did -> line(
                        "- +%d s to +%d s: %s: %s",
                        Duration.between(start, did.began()).toSeconds(),
                        Duration.between(start, did.ended()).toSeconds(),
                        did.fault().describe(),
                        did.outcome()));
    }

    void driver(List<ChaosBenchmark.Asked> asked, Map<String, Integer> askedAgainFor) {
        Map<String, Long> refusals = asked.stream()
                .filter(a -> a.refusal() != null)
                .collect(Collectors.groupingBy(
                        a -> a.flow().family() + ": " + a.refusal(), TreeMap::new, Collectors.counting()));
        line(
                "client: %d flows sent; %d answered; not answered or refused: %s",
                asked.size(), asked.stream().filter(a -> a.id() != null).count(), refusals);
        line(
                "  asked again under the same key: %d times (%d flows), by answer: %s",
                asked.stream().mapToInt(ChaosBenchmark.Asked::askedAgain).sum(),
                asked.stream().filter(a -> a.askedAgain() > 0).count(),
                new TreeMap<>(askedAgainFor));
    }

    /** Counts per flow and status, success rates, and the recovery after each fault, from when the flows became final. */
    void outcome(
            List<ChaosInvariants.Outcome> outcomes,
            Instant start,
            Instant loadEnded,
            List<ChaosSchedule.Done> done,
            double offered) {
        Map<String, Map<String, Long>> counts = outcomes.stream()
                .collect(Collectors.groupingBy(
                        o -> o.asked().flow().family(),
                        TreeMap::new,
                        Collectors.groupingBy(ChaosInvariants.Outcome::status, TreeMap::new, Collectors.counting())));
        line("flows by status: %s", counts);
        counts.forEach((family, byStatus) -> {
            long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long succeeded = outcomes.stream()
                    .filter(o -> o.asked().flow().family().equals(family))
                    .filter(ChaosInvariants.Outcome::succeeded)
                    .count();
            line("  %s: %d of %d succeeded (%.2f%%)", family, succeeded, all, all == 0 ? 0 : 100.0 * succeeded / all);
        });
        List<Instant> succeeded = outcomes.stream()
                .filter(ChaosInvariants.Outcome::succeeded)
                .map(ChaosInvariants.Outcome::finalAt)
                .filter(java.util.Objects::nonNull)
                .sorted()
                .toList();
        line(
                "load: %d s; the last flow final %d s after the load began",
                Duration.between(start, loadEnded).toSeconds(),
                succeeded.isEmpty()
                        ? -1
                        : Duration.between(start, succeeded.get(succeeded.size() - 1))
                                .toSeconds());
        line(
                "recovery after each fault: flows completing per second, in %d s windows, in the window before it began and"
                        + " while it lasted; back: the first window after it ended completing at least %.0f%% of the offered %.2f/s"
                        + " (the pre-fault level: the load is offered at an even rate)",
                RATE_WINDOW.toSeconds(), 100 * RECOVERED, offered);
        done.stream()
                .sorted(java.util.Comparator.comparing(ChaosSchedule.Done::began))
                .forEach(did -> {
                    double before = rate(succeeded, did.began().minus(RATE_WINDOW), did.began());
                    double during = rate(
                            succeeded,
                            did.began(),
                            did.ended().isAfter(did.began())
                                    ? did.ended()
                                    : did.began().plusSeconds(1));
                    String back = "not within 5 minutes after the load";
                    for (Instant t = did.ended();
                            !t.isAfter(loadEnded.plus(Duration.ofMinutes(5)));
                            t = t.plusSeconds(1)) {
                        if (rate(succeeded, t, t.plus(RATE_WINDOW)) >= RECOVERED * offered) {
                            back = String.format(
                                    "%d s after it began (%d s after it ended)",
                                    Duration.between(did.began(), t).toSeconds(),
                                    Duration.between(did.ended(), t).toSeconds());
                            break;
                        }
                    }
                    line(
                            "- %s: %.1f/s before, %.1f/s during; back %s",
                            did.fault().describe(), before, during, back);
                });
    }

    static double rate(List<Instant> finals, Instant from, Instant to) {
        long n = finals.stream()
                .filter(at -> !at.isBefore(from) && at.isBefore(to))
                .count();
        return n / Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
    }

    void invariants(List<Check> found) {
        checks.addAll(found);
        line("invariants:");
        found.forEach(check -> line("- %s %s: %s", check.passed() ? "PASS" : "FAIL", check.name(), check.detail()));
        line(
                "verdict: %s",
                passed()
                        ? "PASSED, every invariant holds"
                        : "FAILED: "
                                + found.stream()
                                        .filter(c -> !c.passed())
                                        .map(Check::name)
                                        .toList());
    }

    boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("chaos-" + seed + "-" + run + ".md");
        Files.writeString(file, "# Chaos run " + run + " (seed " + seed + ")\n\n" + String.join("\n", lines) + "\n");
        return file;
    }

    void assertPassed() {
        if (!passed()) {
            throw new AssertionError("the chaos run broke an invariant (or did not reach the checks): "
                    + checks.stream()
                            .filter(c -> !c.passed())
                            .map(c -> c.name() + ": " + c.detail())
                            .toList());
        }
    }
}
