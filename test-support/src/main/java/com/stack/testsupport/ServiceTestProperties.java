package com.stack.testsupport;

import com.stack.contracts.identity.ServiceTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service (or the gateway) under test at a fresh database of its own, the test Kafka and a token issuer. */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

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
     * A fresh database of its own and the test Kafka, for code under test that needs no token issuer.
     * Its topics carry a suffix and its consumer group a name of this run's own, so parallel or earlier
     * test runs on the same broker never share a record or split a group's partitions with it (a test
     * may still set {@code stack.messaging.topic-suffix} itself, after this call).
     */
    public static void registerInfrastructure(DynamicPropertyRegistry registry, String database) {
        String name = TestInfrastructure.freshDatabase(database);
        registry.add("stack.messaging.topic-suffix", () -> "." + name);
        registry.add("stack.messaging.consumer-group", () -> name);
        registry.add("stack.database", () -> name);
        registry.add("stack.db.host", TestInfrastructure::postgresHost);
        registry.add("stack.db.port", TestInfrastructure::postgresPort);
        registry.add("stack.db.username", TestInfrastructure::postgresUser);
        registry.add("stack.db.password", TestInfrastructure::postgresPassword);
        registry.add("stack.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }
}
