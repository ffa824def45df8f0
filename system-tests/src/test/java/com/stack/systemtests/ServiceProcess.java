package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.stack.testsupport.TestInfrastructure;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A service of the suite run as its own process from its executable jar, so that a test can kill it
 * (SIGKILL) and start it again on the same database: what survives is only what was committed.
 */
final class ServiceProcess {

    private ServiceProcess() {}

    /** The module's executable jar, as the build packaged it before the system tests run. */
    static Path executableJar(String module) {
        Path jar = Path.of("..", module, "target", module + "-0.1.0-SNAPSHOT-exec.jar")
                .toAbsolutePath()
                .normalize();
        assertThat(jar)
                .as("run the system tests after packaging " + module + " (./mvnw verify does)")
                .exists();
        return jar;
    }

    /**
     * Starts the module on {@code database} with the suite's arguments, on {@code port} in place of a
     * random one, and {@code extraArguments} (which win); returns once it is ready. Its output goes to
     * a temporary file the failure message names.
     */
    static Process start(StackSuite suite, String module, String database, int port, List<String> extraArguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                executableJar(module).toString()));
        // its own port; and its own JVM does not inherit the test JVM's system properties: the local profile, as
        // ./stack up runs it
        List<String> own = new ArrayList<>(List.of("--server.port=" + port, "--spring.profiles.active=local"));
        own.addAll(extraArguments);
        command.addAll(StackSuite.overridden(suite.serviceArguments(database), own));
        File log = Files.createTempFile(module + "-", ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        WebClient health = WebClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(process.isAlive())
                            .as(module + " exited; see " + log)
                            .isTrue();
                    return health.get()
                            .uri("/actuator/health/readiness")
                            .retrieve()
                            .toBodilessEntity()
                            .block(Duration.ofSeconds(5))
                            .getStatusCode()
                            .is2xxSuccessful();
                });
        return process;
    }

    /** A client of that database of the test PostgreSQL, for the test's own queries. */
    static DatabaseClient databaseClient(String database) {
        return DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(TestInfrastructure.postgresHost())
                .port(TestInfrastructure.postgresPort())
                .username(TestInfrastructure.postgresUser())
                .password(TestInfrastructure.postgresPassword())
                .database(database)
                .build()));
    }
}
