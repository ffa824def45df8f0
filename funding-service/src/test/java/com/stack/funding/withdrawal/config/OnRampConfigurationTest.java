package com.stack.funding.withdrawal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.config.BrokerConfiguration;
import com.stack.funding.partner.adapters.circle.CircleProperties;
import com.stack.funding.partner.adapters.circle.CircleTransferClient;
import com.stack.funding.partner.adapters.circle.CircleWalletTransferClient;
import com.stack.funding.partner.adapters.due.DueClient;
import com.stack.funding.partner.adapters.due.DueOnRamp;
import com.stack.funding.partner.adapters.due.DueProperties;
import com.stack.funding.partner.adapters.due.DueVirtualAccountPayee;
import com.stack.funding.partner.adapters.due.DueWireRefund;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.WalletTransfers;
import com.stack.funding.withdrawal.app.WithdrawalPayee;
import com.stack.funding.withdrawal.app.WithdrawalRefund;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Which on-ramp the withdrawal saga gets: the configured partner, else the off-ramp's, else Circle's; with it, where
 * the broker pays a withdrawal's USD and how it goes back, and a broker that cannot pay there refused at startup.
 */
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

        @Bean
        Brokerage brokerage() {
            return new Broker("alpaca", true);
        }

        /** Due's virtual accounts are kept in the database; nothing here connects to it. */
        @Bean
        DatabaseClient db() {
            return DatabaseClient.create(ConnectionFactories.get("r2dbc:postgresql://nobody@127.0.0.1:9/none"));
        }
    }

    final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Partners.class, OnRampConfiguration.class);

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
        context.withPropertyValues("stack.funding.on-ramp.partner=due").run(started -> {
            assertThat(started).getBean(OnRamp.class).isInstanceOf(DueOnRamp.class);
            assertThat(started).getBean(WalletTransfers.class).isInstanceOf(CircleWalletTransferClient.class);
        });
    }

    @Test
    void circlesOnRampHasTheBrokerPayTheHouseAndCreditBack() {
        context.run(started -> {
            assertThat(started).getBean(WithdrawalPayee.class).isSameAs(WithdrawalPayee.HOUSE);
            assertThat(started).getBean(WithdrawalRefund.class).isInstanceOf(WithdrawalRefund.BrokerCredit.class);
        });
    }

    @Test
    void duesOnRampHasTheBrokerWireIntoTheVirtualAccountAndDueWireBack() {
        context.withPropertyValues("stack.funding.off-ramp.partner=due").run(started -> {
            assertThat(started).getBean(WithdrawalPayee.class).isInstanceOf(DueVirtualAccountPayee.class);
            assertThat(started.getBean(WithdrawalPayee.class).namesBanks()).isTrue();
            assertThat(started).getBean(WithdrawalRefund.class).isInstanceOf(DueWireRefund.class);
        });
    }

    @Test
    void aBrokerThatCannotWireIsRefusedWithAnOnRampThatNamesABank() {
        assertThatThrownBy(() -> BrokerConfiguration.checkPayeeBanks(payee(true), new Broker("drivewealth", false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stack.funding.broker.partner=drivewealth")
                .hasMessageContaining("cannot wire");
        BrokerConfiguration.checkPayeeBanks(payee(true), new Broker("alpaca", true));
        BrokerConfiguration.checkPayeeBanks(WithdrawalPayee.HOUSE, new Broker("drivewealth", false));
    }

    static WithdrawalPayee payee(boolean namesBanks) {
        return new WithdrawalPayee() {
            @Override
            public boolean namesBanks() {
                return namesBanks;
            }

            @Override
            public Mono<Brokerage.PayeeBank> payeeOf(
                    UUID userId, com.stack.funding.shared.domain.Chain chain, String address) {
                return Mono.empty();
            }
        };
    }

    /** A broker by name that wires or not; nothing here asks it anything. */
    record Broker(String partner, boolean wiresToBanks) implements Brokerage {

        @Override
        public Mono<Account> openAccount(UUID userId, UUID idempotencyKey) {
            return Mono.empty();
        }

        @Override
        public Mono<Transfer> fund(Account account, UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
            return Mono.empty();
        }

        @Override
        public Mono<Transfer> fundingStatus(String transferId) {
            return Mono.empty();
        }

        @Override
        public Mono<Transfer> withdraw(Account account, UUID withdrawalId, BigDecimal amountUsd, UUID idempotencyKey) {
            return Mono.empty();
        }

        @Override
        public Mono<Transfer> withdrawalStatus(String transferId) {
            return Mono.empty();
        }
    }
}
