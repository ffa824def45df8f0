package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules under {@code k8s/monitoring/rules/} are valid ({@code promtool check rules}) and behave
 * as their unit tests say ({@code promtool test rules}, e.g. DeadLettersPending fires after 5 minutes of pending
 * dead letters and resolves once they are re-driven). promtool comes with Debian's {@code prometheus} package,
 * which {@code ./stack test} installs when it is missing.
 */
class MonitoringRulesTest {

    static final Path RULES = Path.of("..", "k8s", "monitoring", "rules");

    @Test
    void alertRulesAreValid() throws Exception {
        List<String> files = files(".rules.yml");
        assertThat(files).contains("messaging.rules.yml");
        List<String> command = new ArrayList<>(List.of(promtool(), "check", "rules"));
        command.addAll(files);
        assertSucceeds(command);
    }

    @Test
    void alertRulesBehaveAsTheirUnitTestsSay() throws Exception {
        List<String> files = files(".rules.test.yml");
        assertThat(files).contains("messaging.rules.test.yml");
        List<String> command = new ArrayList<>(List.of(promtool(), "test", "rules"));
        command.addAll(files);
        assertSucceeds(command);
    }

    private static List<String> files(String suffix) throws IOException {
        try (Stream<Path> listed = Files.list(RULES)) {
            return listed.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted().toList();
        }
    }

    private static String promtool() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        assumeTrue(found, "promtool is not on the PATH: install Debian's prometheus package (./stack test does)");
        return "promtool";
    }

    private static void assertSucceeds(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
