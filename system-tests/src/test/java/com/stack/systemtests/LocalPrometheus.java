package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A real Prometheus (Debian's package, which {@code ./stack test} installs) scraping the suite of this JVM every
 * second and evaluating the project's own rule files, with one change: every {@code for:} is shortened to a few
 * seconds, so an alert that would wait minutes in production fires within a test. The expressions are the files'.
 * Blocking: this is test code.
 */
final class LocalPrometheus implements AutoCloseable {

    static final Path RULES = Path.of("..", "k8s", "monitoring", "rules");
    static final String SHORT_FOR = "3s";
    private static final Pattern FOR_LINE = Pattern.compile("(?m)^(\\s*(?:keep_firing_)?for:)\\s*\\S+\\s*$");
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final Process process;
    private final Path home;
    private final WebClient api;

    private LocalPrometheus(Process process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.api = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    /** Starts Prometheus scraping {@code targets} (job name to {@code host:port}, all on /actuator/prometheus). */
    static LocalPrometheus start(Map<String, String> targets) {
        Path binary = Stream.of(System.getenv("PATH").split(":"), new String[] {"/usr/bin", "/usr/local/bin"})
                .flatMap(Stream::of)
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "prometheus is not installed: ./stack test installs it (Debian's prometheus package)"));
        try {
            Path home = Files.createTempDirectory("stack-prometheus");
            Path rules = Files.createDirectories(home.resolve("rules"));
            try (Stream<Path> files = Files.list(RULES)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".rules.yml"))
                        .toList()) {
                    String text = Files.readString(file);
                    Files.writeString(
                            rules.resolve(file.getFileName()),
                            FOR_LINE.matcher(text).replaceAll("$1 " + SHORT_FOR));
                }
            }
            StringBuilder config = new StringBuilder("""
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 900ms
                      evaluation_interval: 1s
                    rule_files:
                      - %s/*.rules.yml
                    scrape_configs:
                    """.formatted(rules));
            targets.forEach((job, target) -> config.append("""
                      - job_name: %s
                        metrics_path: /actuator/prometheus
                        static_configs:
                          - targets: ['%s']
                    """.formatted(job, target)));
            Files.writeString(home.resolve("prometheus.yml"), config.toString());
            int port = StackSuite.freePort();
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + home.resolve("prometheus.yml"),
                            "--storage.tsdb.path=" + home.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("prometheus.log").toFile())
                    .start();
            LocalPrometheus prometheus = new LocalPrometheus(process, home, port);
            prometheus.awaitReady();
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("prometheus exited: %s", log()).isTrue();
            try {
                api.get().uri("/-/ready").retrieve().toBodilessEntity().block(Duration.ofSeconds(2));
                return;
            } catch (RuntimeException notYet) {
                sleep(200);
            }
        }
        throw new AssertionError("prometheus did not become ready: " + log());
    }

    /** The instant vector (or scalar) {@code promql} evaluates to now: one map per series. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> query(String promql) {
        Map<String, Object> answer = api.get()
                .uri(
                        UriComponentsBuilder.fromPath("/api/v1/query")
                                .queryParam("query", "{q}")
                                .build()
                                .toUriString(),
                        promql)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
        assertThat(answer).as("query %s", promql).containsEntry("status", "success");
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        if ("scalar".equals(data.get("resultType"))) {
            return List.of(Map.of("value", data.get("result")));
        }
        return (List<Map<String, Object>>) data.get("result");
    }

    /** Every rule Prometheus loaded, as {@code /api/v1/rules} lists them (name, query, labels, state, health). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules() {
        Map<String, Object> answer =
                api.get().uri("/api/v1/rules").retrieve().bodyToMono(JSON).block(Duration.ofSeconds(10));
        List<Map<String, Object>> rules = new ArrayList<>();
        ((List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("groups"))
                .forEach(group -> rules.addAll((List<Map<String, Object>>) group.get("rules")));
        return rules;
    }

    /** Each scrape target's job, health ({@code up}, {@code down}, {@code unknown}) and last error. */
    @SuppressWarnings("unchecked")
    List<String> targets() {
        Map<String, Object> answer =
                api.get().uri("/api/v1/targets").retrieve().bodyToMono(JSON).block(Duration.ofSeconds(10));
        return ((List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("activeTargets"))
                .stream()
                        .map(target -> ((Map<String, Object>) target.get("labels")).get("job") + " "
                                + target.get("health") + " " + target.get("lastError"))
                        .toList();
    }

    /** The alerts firing now, by name, with their labels. */
    @SuppressWarnings("unchecked")
    List<Map<String, String>> firing() {
        Map<String, Object> answer =
                api.get().uri("/api/v1/alerts").retrieve().bodyToMono(JSON).block(Duration.ofSeconds(10));
        return ((List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("alerts"))
                .stream()
                        .filter(alert -> "firing".equals(alert.get("state")))
                        .map(alert -> (Map<String, String>) alert.get("labels"))
                        .toList();
    }

    String log() {
        try {
            return Files.readString(home.resolve("prometheus.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
