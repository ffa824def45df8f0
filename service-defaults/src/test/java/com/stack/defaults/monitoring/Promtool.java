package com.stack.defaults.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus' own checker, {@code promtool} (Debian's {@code prometheus} package, which {@code ./stack test}
 * installs when it is missing): the tests needing it are skipped, saying why, where it is not on the PATH.
 */
final class Promtool {

    private Promtool() {}

    /** Skips the calling test, saying why, where promtool is not on the PATH. */
    static void assumeInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found =
                Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        assumeTrue(found, "promtool is not on the PATH: install Debian's prometheus package (./stack test does)");
    }

    /** Runs {@code promtool <arguments>} in {@code directory}, asserts it succeeded, and returns what it printed. */
    static String run(Path directory, List<String> arguments) throws Exception {
        assumeInstalled();
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }
}
