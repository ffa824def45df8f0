package com.stack.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
 * Onboarding started as a deployment would start it: outside the local profile the secrets shipped in this
 * repository (the service-token secret, the KYC provider's key and callback secret) stop it before anything
 * runs; the local profile (./stack up, the tests) accepts them; a deployment's own secrets start it.
 */
class ShippedSecretsStartupTest {

    static final TestIssuer ISSUER = new TestIssuer();

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void theShippedSecretsStopItOutsideTheLocalProfileNamingEachSettingAndVariable() {
        assertThatThrownBy(
                        () -> start("stack_onboarding_shipped_secrets", List.of("--spring.profiles.active=production")))
                .isInstanceOfSatisfying(
                        ShippedSecretException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "stack.security.service-token.secret (environment STACK_SERVICE_TOKEN_SECRET) is a value"
                                                + " shipped for local development, which is public",
                                        "stack.kyc.api-key (environment STACK_KYC_API_KEY) is a value shipped for local development,"
                                                + " which is public",
                                        "stack.kyc.webhook-secret (environment STACK_KYC_WEBHOOK_SECRET) is a value shipped for local"
                                                + " development, which is public"))
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=local");
    }

    @Test
    void aMissingCallbackSecretStopsItOutsideTheLocalProfile() {
        assertThatThrownBy(() -> start(
                        "stack_onboarding_missing_secret",
                        List.of(
                                "--spring.profiles.active=production",
                                "--" + ServiceTokens.SECRET_PROPERTY + "=" + ISSUER.serviceTokenSecret(),
                                "--stack.kyc.api-key=kyc_live_" + UUID.randomUUID(),
                                "--stack.kyc.webhook-secret=")))
                .isInstanceOfSatisfying(
                        ShippedSecretException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "stack.kyc.webhook-secret (environment STACK_KYC_WEBHOOK_SECRET) is not set"));
    }

    @Test
    void theLocalProfileStartsWithTheShippedSecrets() {
        // the test JVM's own profile (spring.profiles.active=local, set by the build), as ./stack up runs it
        try (ConfigurableApplicationContext context = start("stack_onboarding_local_secrets", List.of())) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("local");
            assertThat(context.getEnvironment().getProperty("stack.kyc.webhook-secret"))
                    .isEqualTo("kyc_whsec_local_only_change_me");
        }
    }

    @Test
    void aDeploymentsOwnSecretsStartItOutsideTheLocalProfile() {
        try (ConfigurableApplicationContext context = start(
                "stack_onboarding_own_secrets",
                List.of(
                        "--spring.profiles.active=production",
                        "--" + ServiceTokens.SECRET_PROPERTY + "=" + ISSUER.serviceTokenSecret(),
                        "--stack.kyc.api-key=kyc_live_" + UUID.randomUUID(),
                        "--stack.kyc.webhook-secret=kyc_whsec_" + UUID.randomUUID()))) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("production");
            assertThat(context.isRunning()).isTrue();
        }
    }

    /** Onboarding as a test starts it ({@link ServiceTestProperties#arguments}); {@code arguments} win. */
    private static ConfigurableApplicationContext start(String database, List<String> arguments) {
        List<String> args = new ArrayList<>(ServiceTestProperties.arguments(database, ISSUER));
        args.addAll(arguments);
        return OnboardingApplication.application().run(args.toArray(String[]::new));
    }
}
