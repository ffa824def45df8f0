package com.stack.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests find their servers. With a Docker engine, Testcontainers starts PostgreSQL and
 * Kafka once per JVM; without one (as on the project's CI machines) the tests use the servers that
 * {@code ./stack test} started on localhost through {@code infra/up.sh}. {@code STACK_TEST_INFRA=local}
 * or {@code =docker} forces either.
 */
public final class TestInfrastructure {

    private static final boolean DOCKER = useDocker();
    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;

    private TestInfrastructure() {
    }

    public static synchronized String postgresHost() {
        return DOCKER ? postgresContainer().getHost() : env("STACK_DB_HOST", "127.0.0.1");
    }

    public static synchronized int postgresPort() {
        return DOCKER ? postgresContainer().getMappedPort(5432) : Integer.parseInt(env("STACK_DB_PORT", "5432"));
    }

    public static String postgresUser() {
        return DOCKER ? postgresContainer().getUsername() : env("STACK_DB_USER", "postgres");
    }

    public static String postgresPassword() {
        return DOCKER ? postgresContainer().getPassword() : env("STACK_DB_PASSWORD", "");
    }

    public static synchronized String kafkaBootstrapServers() {
        if (DOCKER) {
            if (kafka == null) {
                kafka = new KafkaContainer("apache/kafka-native:3.8.0");
                kafka.start();
            }
            return kafka.getBootstrapServers();
        }
        return env("STACK_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    /** Distinguishes this test JVM's databases from those of any other build running at the same time. */
    private static final String RUN_ID = Long.toString(ProcessHandle.current().pid(), 36)
            + Long.toString(System.nanoTime() & 0xffffff, 36);

    /** A name for this test JVM run, different in every run: for databases, topics and consumer groups. */
    public static String runId() {
        return RUN_ID;
    }

    /**
     * A new, empty database for one test class, so tests never see each other's rows and a service's
     * migrations run from scratch. Its name is {@code name} plus this JVM's run id (returned), so two
     * builds on one machine never share or drop each other's databases; it is dropped when the JVM exits.
     */
    public static synchronized String freshDatabase(String name) {
        String database = name + "_" + RUN_ID;
        execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        execute("CREATE DATABASE \"" + database + "\"");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            } catch (RuntimeException e) {
                // best effort: the server may already be gone at shutdown
            }
        }));
        return database;
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, postgresUser(), postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + url
                    + " or refused '" + sql + "': run the tests through ./stack test, which starts it ("
                    + e.getMessage() + ")", e);
        }
    }

    private static synchronized PostgreSQLContainer postgresContainer() {
        if (postgres == null) {
            postgres = new PostgreSQLContainer("postgres:15-alpine");
            postgres.start();
        }
        return postgres;
    }

    private static boolean useDocker() {
        String forced = System.getenv("STACK_TEST_INFRA");
        if ("local".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("docker".equalsIgnoreCase(forced)) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
