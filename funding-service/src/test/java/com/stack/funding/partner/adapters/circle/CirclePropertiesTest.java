package com.stack.funding.partner.adapters.circle;

import static org.assertj.core.api.Assertions.assertThat;

import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code stack.circle.*} as the service binds it at startup. */
class CirclePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CircleProperties.class)
    static class Circle {}

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Circle.class);

    @Test
    void usdcIsTheOnlyTokenByDefaultTheSandboxsTestnetIds() {
        context.run(started -> {
            CircleProperties.UsdcTokenIds usdc =
                    started.getBean(CircleProperties.class).usdcTokenIds();
            assertThat(usdc.of(Chain.ETHEREUM)).isEqualTo("5797fbd6-3795-519d-84ca-ec4c5f80c3b1");
            assertThat(usdc.of(Chain.SOLANA)).isEqualTo("8fb3cadb-0ef4-573d-8fcd-e194f961c728");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ethereum", "solana"})
    void anEmptyUsdcTokenIdRefusesToStart(String chain) {
        for (String empty : new String[] {"", " "}) {
            context.withPropertyValues("stack.circle.usdc-token-ids." + chain + "=" + empty)
                    .run(started -> assertThat(started)
                            .hasFailed()
                            .getFailure()
                            .rootCause()
                            .hasMessage(
                                    "stack.circle.usdc-token-ids." + chain + " is empty: it must be Circle's token id"
                                            + " of USDC on " + chain + " (only that token is credited)"));
        }
    }
}
