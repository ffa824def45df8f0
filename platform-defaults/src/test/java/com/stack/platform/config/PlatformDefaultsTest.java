package com.stack.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The gateway and every service get the platform's defaults, under their own settings; other applications none. */
class PlatformDefaultsTest {

    final PlatformDefaultsEnvironmentPostProcessor defaults = new PlatformDefaultsEnvironmentPostProcessor();

    @Test
    void theGatewayAndAServiceShareTheIssuerTheSecretTheProbesAndTheTags() {
        MockEnvironment gateway = new MockEnvironment().withProperty("spring.application.name", "gateway");
        MockEnvironment service = new MockEnvironment()
                .withProperty("spring.application.name", "wallet-service")
                .withProperty("stack.database", "wallet");

        defaults.postProcessEnvironment(gateway, null);
        defaults.postProcessEnvironment(service, null);

        for (MockEnvironment environment : new MockEnvironment[] {gateway, service}) {
            assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                    .isEqualTo("http://127.0.0.1:8090/oidc");
            assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences"))
                    .isEqualTo("stack-api");
            assertThat(environment.getProperty("stack.security.service-token.secret"))
                    .isEqualTo("local-only-stack-service-token-secret-do-not-deploy");
            assertThat(environment.getProperty("management.endpoint.health.probes.enabled"))
                    .isEqualTo("true");
            assertThat(environment.getProperty("logging.structured.format.console"))
                    .isEqualTo("logstash");
            assertThat(environment.getProperty("stack.metrics.exemplars")).isEqualTo("true");
        }
        assertThat(gateway.getProperty("management.metrics.tags.service")).isEqualTo("gateway");
        assertThat(service.getProperty("management.metrics.tags.service")).isEqualTo("wallet-service");
    }

    @Test
    void theApplicationsOwnSettingsWin() {
        MockEnvironment gateway = new MockEnvironment()
                .withProperty("spring.application.name", "gateway")
                .withProperty("spring.security.oauth2.resourceserver.jwt.audiences", "");

        defaults.postProcessEnvironment(gateway, null);

        assertThat(gateway.getProperty("spring.security.oauth2.resourceserver.jwt.audiences"))
                .isEmpty();
    }

    @Test
    void theLocalProfileTurnsExemplarsOff() {
        MockEnvironment gateway = new MockEnvironment().withProperty("spring.application.name", "gateway");
        gateway.setActiveProfiles("local");

        defaults.postProcessEnvironment(gateway, null);

        assertThat(gateway.getProperty("stack.metrics.exemplars")).isEqualTo("false");
    }

    @Test
    void anotherApplicationOnASharedClasspathGetsNone() {
        MockEnvironment sandbox = new MockEnvironment().withProperty("spring.application.name", "partner-sandbox");

        defaults.postProcessEnvironment(sandbox, null);

        assertThat(sandbox.containsProperty("stack.security.service-token.secret"))
                .isFalse();
        assertThat(sandbox.containsProperty("logging.structured.format.console"))
                .isFalse();
    }
}
