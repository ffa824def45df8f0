package com.stack.gateway.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stack.contracts.config.LocalOnlySecrets.ShippedSecretException;
import com.stack.contracts.identity.ServiceTokens;
import com.stack.gateway.GatewayApplication;
import com.stack.platform.config.LocalOnlySecretsEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The gateway refuses the service-token secret shipped in this repository outside the local profile. */
class GatewaySecretsTest {

    static final String SHIPPED = "local-only-stack-service-token-secret-do-not-deploy";

    final LocalOnlySecretsEnvironmentPostProcessor check = new LocalOnlySecretsEnvironmentPostProcessor();

    @Test
    void theGatewayDoesNotStartWithTheShippedSecretOutsideTheLocalProfile() {
        // gateway.yml's default secret, the profile of a deployment: stopped before anything binds a port
        assertThatThrownBy(() ->
                        GatewayApplication.application().run("--spring.profiles.active=production", "--server.port=0"))
                .isInstanceOf(ShippedSecretException.class)
                .hasMessageContaining("stack.security.service-token.secret (environment STACK_SERVICE_TOKEN_SECRET)"
                        + " is a value shipped for local development")
                .hasMessageNotContaining(SHIPPED);
    }

    @Test
    void aMissingSecretIsRefusedOutsideTheLocalProfile() {
        MockEnvironment environment = gateway();
        environment.setActiveProfiles("production");

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, null))
                .hasMessageContaining("(environment STACK_SERVICE_TOKEN_SECRET) is not set");
    }

    @Test
    void theLocalProfileAcceptsTheShippedSecret() {
        MockEnvironment environment = gateway().withProperty(ServiceTokens.SECRET_PROPERTY, SHIPPED);
        environment.setActiveProfiles("local");

        assertThatCode(() -> check.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
    }

    @Test
    void aDeploymentsOwnSecretIsAccepted() {
        MockEnvironment environment = gateway()
                .withProperty(ServiceTokens.SECRET_PROPERTY, "a-deployment-s-own-random-service-token-secret-48");
        environment.setActiveProfiles("production");

        assertThatCode(() -> check.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
    }

    @Test
    void anotherApplicationOnASharedClasspathIsLeftToItsOwnCheck() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "wallet-service");

        assertThatCode(() -> check.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
    }

    private static MockEnvironment gateway() {
        return new MockEnvironment().withProperty("spring.application.name", "gateway");
    }
}
