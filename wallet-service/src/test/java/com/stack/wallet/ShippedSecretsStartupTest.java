package com.stack.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.stack.contracts.config.LocalOnlySecrets.ShippedSecretException;
import com.stack.contracts.identity.ServiceTokens;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The wallet service started as a deployment would start it: outside the local profile the secrets shipped in
 * this repository (the service-token secret, Circle's API key and entity secret) stop it before anything runs;
 * the local profile (./stack up, the tests) accepts them; a deployment's own secrets start it.
 */
class ShippedSecretsStartupTest {

    static final TestIssuer ISSUER = new TestIssuer();

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void theShippedSecretsStopItOutsideTheLocalProfileNamingEachSettingAndVariable() {
        assertThatThrownBy(() -> start("stack_wallet_shipped_secrets", List.of("--spring.profiles.active=production")))
                .isInstanceOfSatisfying(
                        ShippedSecretException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "stack.security.service-token.secret (environment STACK_SERVICE_TOKEN_SECRET) is a value"
                                                + " shipped for local development, which is public",
                                        "stack.circle.api-key (environment STACK_CIRCLE_API_KEY) is not set",
                                        "stack.circle.entity-secret (environment STACK_CIRCLE_ENTITY_SECRET) is not set"))
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=local");
    }

    @Test
    void aShippedEntitySecretStopsItOutsideTheLocalProfile() {
        assertThatThrownBy(
                        () -> start(
                                "stack_wallet_missing_secret",
                                List.of(
                                        "--spring.profiles.active=production",
                                        "--" + ServiceTokens.SECRET_PROPERTY + "=" + ISSUER.serviceTokenSecret(),
                                        "--stack.circle.api-key=LIVE_API_KEY:" + UUID.randomUUID(),
                                        "--stack.circle.entity-secret=6c6f63616c2d6f6e6c792d656e746974792d7365637265742d3332627974657a")))
                .isInstanceOfSatisfying(
                        ShippedSecretException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "stack.circle.entity-secret (environment STACK_CIRCLE_ENTITY_SECRET) is a value shipped for local"
                                                + " development, which is public"));
    }

    @Test
    void theLocalProfileStartsWithTheShippedSecrets() {
        // the test JVM's own profile (spring.profiles.active=local, set by the build), as ./stack up runs it
        try (ConfigurableApplicationContext context = start("stack_wallet_local_secrets", List.of())) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("local");
            assertThat(context.getEnvironment().getProperty(ServiceTokens.SECRET_PROPERTY))
                    .isEqualTo("local-only-stack-service-token-secret-do-not-deploy");
        }
    }

    @Test
    void aDeploymentsOwnSecretsStartItOutsideTheLocalProfile() {
        try (ConfigurableApplicationContext context = start(
                "stack_wallet_own_secrets",
                List.of(
                        "--spring.profiles.active=production",
                        "--" + ServiceTokens.SECRET_PROPERTY + "=" + ISSUER.serviceTokenSecret(),
                        "--stack.circle.api-key=LIVE_API_KEY:" + UUID.randomUUID(),
                        "--stack.circle.entity-secret=" + HexFormat.of().formatHex(randomBytes(32))))) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("production");
            assertThat(context.isRunning()).isTrue();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The wallet service as a test starts it ({@link ServiceTestProperties#arguments}); {@code arguments} win. */
    private static ConfigurableApplicationContext start(String database, List<String> arguments) {
        List<String> args = new ArrayList<>(ServiceTestProperties.arguments(database, ISSUER));
        args.addAll(arguments);
        return WalletApplication.application().run(args.toArray(String[]::new));
    }
}
