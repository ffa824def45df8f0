package com.stack.funding.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.stack.funding.adapters.circle.CircleProperties;
import com.stack.funding.adapters.circle.CircleTransferClient;
import com.stack.funding.adapters.circle.CircleWalletTransferClient;
import com.stack.funding.adapters.due.DueClient;
import com.stack.funding.adapters.due.DueOnRamp;
import com.stack.funding.adapters.due.DueProperties;
import com.stack.funding.app.OnRamp;
import com.stack.funding.app.WalletTransfers;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/** Which on-ramp the withdrawal saga gets: the configured partner, else the off-ramp's, else Circle's. */
class OnRampConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CircleProperties.class, DueProperties.class})
    static class Partners {

        @Bean
        WebClient.Builder webClients() {
            return WebClient.builder();
        }

        @Bean
        DueClient due(WebClient.Builder webClients, DueProperties properties) {
            return new DueClient(webClients, properties);
        }

        /** Due's virtual accounts are kept in the database; nothing here connects to it. */
        @Bean
        DatabaseClient db() {
            return DatabaseClient.create(ConnectionFactories.get("r2dbc:postgresql://nobody@127.0.0.1:9/none"));
        }
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Partners.class, OnRampConfiguration.class);

    @Test
    void circleByDefault() {
        context.run(started -> {
            assertThat(started).getBean(OnRamp.class).isInstanceOf(CircleTransferClient.class);
            assertThat(started).getBean(WalletTransfers.class).isInstanceOf(CircleWalletTransferClient.class);
        });
    }

    @Test
    void theOffRampsPartnerWhenNoneIsSet() {
        context.withPropertyValues("stack.funding.off-ramp.partner=due")
                .run(started -> assertThat(started).getBean(OnRamp.class).isInstanceOf(DueOnRamp.class));
    }

    @Test
    void theOnRampsOwnPartnerWins() {
        context.withPropertyValues("stack.funding.off-ramp.partner=due", "stack.funding.on-ramp.partner=circle")
                .run(started -> assertThat(started).getBean(OnRamp.class).isInstanceOf(CircleTransferClient.class));
        context.withPropertyValues("stack.funding.on-ramp.partner=due")
                .run(started -> {
                    assertThat(started).getBean(OnRamp.class).isInstanceOf(DueOnRamp.class);
                    assertThat(started).getBean(WalletTransfers.class).isInstanceOf(CircleWalletTransferClient.class);
                });
    }
}
