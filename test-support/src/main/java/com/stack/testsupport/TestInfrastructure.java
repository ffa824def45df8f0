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

    private TestInfrastructure() {}

    public static synchronized String postgresHost() {
        return DOCKER ? postgresContainer().getHost() : env("STACK_DB_HOST", "127.0.0.1");
    }

    public static synchronized int postgresPort() {
        return DOCKER ? postgresContainer().getMappedPort(5432) : Integer.parseInt(env("STACK_DB_PORT", "5432"));
    }

    /**
     * The admin role the tests create databases and roles with, and read a service's rows with
     * ({@code POSTGRES_USER}, as infra/postgres.sh): never what a service under test connects as.
     */
    public static String postgresUser() {
        return DOCKER ? postgresContainer().getUsername() : env("POSTGRES_USER", "postgres");
    }

    /** The admin role's password ({@code PGPASSWORD}, as infra/postgres.sh; none with the local trust auth). */
    public static String postgresPassword() {
        return DOCKER ? postgresContainer().getPassword() : env("PGPASSWORD", "");
    }

    /**
     * The role a service under test connects to {@code database} as, which owns it: the service's own role,
     * as in a deployment (infra/postgres.sh), named by the database's first two words ({@code stack_funding}
     * for {@code stack_funding_test_<run>}): a login, no superuser, no CREATEDB or CREATEROLE.
     */
    public static String serviceUser(String database) {
        String[] words = database.split("_", 3);
        return words.length < 2 ? database : words[0] + "_" + words[1];
    }

    /** The service roles' password ({@code STACK_DB_PASSWORD}; none with the local trust auth). */
    public static String servicePassword() {
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
    private static final String RUN_ID =
            Long.toString(ProcessHandle.current().pid(), 36) + Long.toString(System.nanoTime() & 0xffffff, 36);

    /** How often each database name was asked for in this JVM. */
    private static final java.util.Map<String, Integer> DATABASES_ASKED = new java.util.HashMap<>();

    /** A name for this test JVM run, different in every run: for databases, topics and consumer groups. */
    public static String runId() {
        return RUN_ID;
    }

    /**
     * A new, empty database for one test class, so tests never see each other's rows and a service's
     * migrations run from scratch. Its name is {@code name} plus this JVM's run id (returned), so two
     * builds on one machine never share or drop each other's databases; it is dropped when the JVM exits.
     * As in a deployment, it is owned by its service's role ({@link #serviceUser}, created if missing) and
     * no other role but the admin may connect to it.
     */
    public static synchronized String freshDatabase(String name) {
        // a second context in the same JVM asking for the same name (a test with its own properties) gets a
        // database of its own: dropping the first one WITH (FORCE) would cut the cached context's connections
        int use = DATABASES_ASKED.merge(name, 1, Integer::sum);
        String database = name + "_" + RUN_ID + (use == 1 ? "" : "_" + use);
        String owner = serviceUser(database);
        ensureServiceRole(owner);
        execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        execute("CREATE DATABASE \"" + database + "\" OWNER \"" + owner + "\"");
        execute("REVOKE CONNECT, TEMPORARY ON DATABASE \"" + database + "\" FROM PUBLIC");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            } catch (RuntimeException e) {
                // best effort: the server may already be gone at shutdown
            }
        }));
        return database;
    }

    /**
     * Creates the service's role as infra/postgres.sh does, unless it exists. Test JVMs run in parallel: one
     * that loses the race to create it finds it created.
     */
    private static void ensureServiceRole(String role) {
        if (!role.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a service role name: " + role);
        }
        String password = servicePassword().isEmpty()
                ? ""
                : " PASSWORD '" + servicePassword().replace("'", "''") + "'";
        execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                + " CREATE ROLE \"" + role + "\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" + password + ";"
                + " END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, postgresUser(), postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not reachable at " + url
                            + " or refused '" + sql + "': run the tests through ./stack test, which starts it ("
                            + e.getMessage() + ")",
                    e);
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
