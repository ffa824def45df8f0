package com.stack.testsupport;

import java.util.List;

import com.stack.contracts.identity.ServiceTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service (or the gateway) under test at a fresh database of its own, the test Kafka and a token issuer. */
public final class ServiceTestProperties {

    private ServiceTestProperties() {}

    public static void register(DynamicPropertyRegistry registry, String database, TestIssuer issuer) {
        registerInfrastructure(registry, database);
        registerIssuer(registry, issuer);
    }

    /**
     * Trusts {@code issuer}'s user tokens (its keys, its name, audience {@link TestIssuer#AUDIENCE}) and
     * the service tokens signed with its service-token secret: for a service and for the gateway.
     */
    public static void registerIssuer(DynamicPropertyRegistry registry, TestIssuer issuer) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIssuer.AUDIENCE);
        registry.add(ServiceTokens.SECRET_PROPERTY, issuer::serviceTokenSecret);
    }

    /**
     * The same as {@link #register} as command-line arguments, for a test that starts a service's
     * {@code SpringApplication} itself (to choose its profile, or see it fail to start): a fresh database
     * named after {@code database}, the test Kafka under topics and a group of its own, {@code issuer}'s user
     * tokens, a random port and quiet logs. It names no service-token secret: the test chooses it.
     */
    public static List<String> arguments(String database, TestIssuer issuer) {
        String name = TestInfrastructure.freshDatabase(database);
        return List.of(
                "--server.port=0",
                "--stack.database=" + name,
                "--stack.db.host=" + TestInfrastructure.postgresHost(),
                "--stack.db.port=" + TestInfrastructure.postgresPort(),
                "--stack.db.username=" + TestInfrastructure.serviceUser(name),
                "--stack.db.password=" + TestInfrastructure.servicePassword(),
                "--stack.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--stack.messaging.topic-suffix=." + name,
                "--stack.messaging.consumer-group=" + name,
                "--stack.features.key=" + featureFlagsKey(name),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestIssuer.AUDIENCE,
                "--logging.structured.format.console=",
                "--logging.level.root=WARN");
    }

    /**
     * A fresh database of its own and the test Kafka, for code under test that needs no token issuer.
     * Its topics carry a suffix and its consumer group a name of this run's own, so parallel or earlier
     * test runs on the same broker never share a record or split a group's partitions with it (a test
     * may still set {@code stack.messaging.topic-suffix} itself, after this call). Likewise its feature flags
     * live under a Redis key of its own: a service under test never reads, nor (onboarding) overwrites, the
     * flags of a running stack or of another test.
     */
    public static void registerInfrastructure(DynamicPropertyRegistry registry, String database) {
        String name = TestInfrastructure.freshDatabase(database);
        registry.add("stack.messaging.topic-suffix", () -> "." + name);
        registry.add("stack.messaging.consumer-group", () -> name);
        registry.add("stack.features.key", () -> featureFlagsKey(name));
        registry.add("stack.database", () -> name);
        registry.add("stack.db.host", TestInfrastructure::postgresHost);
        registry.add("stack.db.port", TestInfrastructure::postgresPort);
        registry.add("stack.db.username", () -> TestInfrastructure.serviceUser(name));
        registry.add("stack.db.password", TestInfrastructure::servicePassword);
        registry.add("stack.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    private static String featureFlagsKey(String database) {
        return "stack:test:feature-flags:" + database;
    }
}
