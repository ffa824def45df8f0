package com.stack.funding.deposit.config;

import java.time.Clock;
import java.util.List;

import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.deposit.app.OffRampReports;
import com.stack.funding.deposit.app.OffRampStep;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.DueWebhookIntake;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import com.stack.funding.inbox.domain.Ed25519WebhookSignature;
import com.stack.funding.inbox.domain.ReplayWindow;
import com.stack.funding.partner.adapters.circle.CirclePayoutClient;
import com.stack.funding.partner.adapters.circle.CircleProperties;
import com.stack.funding.partner.adapters.circle.CircleReportHandlers;
import com.stack.funding.partner.adapters.due.DueClient;
import com.stack.funding.partner.adapters.due.DueOffRamp;
import com.stack.funding.partner.adapters.due.DueProperties;
import com.stack.funding.partner.adapters.due.DueTransferEvents;
import com.stack.funding.partner.adapters.due.DueWebhookRegistration;
import com.stack.funding.saga.app.FundingSagaMetrics;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandRunner;
import com.stack.funding.saga.app.SagaCommandStore;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.config.OnRampConfiguration;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The deposit saga after the chain: the command runner, the off-ramp step with its partner
 * ({@code stack.funding.off-ramp.partner}: {@code circle} by default, or {@code due}) with its payout events, and
 * Due's webhook intake.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SagaCommandRunner.Settings.class, DueProperties.class})
class OffRampConfiguration {

    @Bean
    @ConditionalOnProperty(name = "stack.funding.off-ramp.partner", havingValue = "circle", matchIfMissing = true)
    OffRamp circlePayouts(WebClient.Builder webClients, CircleProperties properties) {
        return new CirclePayoutClient(webClients, properties);
    }

    @Bean
    SagaCommandHandler offRampStep(
            DepositStore deposits, OffRamp offRamp, SagaCommands commands, DepositTransitions transitions) {
        return new OffRampStep(deposits, offRamp, commands, transitions);
    }

    @Bean
    OffRampReports offRampReports(DepositStore deposits, DepositTransitions transitions) {
        return new OffRampReports(deposits, transitions);
    }

    @Bean
    @ConditionalOnProperty(name = "stack.funding.off-ramp.partner", havingValue = "circle", matchIfMissing = true)
    InboxHandler circlePayoutNotifications(OffRampReports reports) {
        return CircleReportHandlers.payouts(reports);
    }

    @Bean
    SagaCommandRunner sagaCommandRunner(
            SagaCommandStore repository,
            SagaCommands commands,
            List<SagaCommandHandler> handlers,
            MeterRegistry meters,
            FundingSagaMetrics sagas,
            SagaCommandRunner.Settings settings) {
        return new SagaCommandRunner(
                repository,
                commands,
                List.of(DepositSaga.DEFINITION, WithdrawalSaga.DEFINITION),
                handlers,
                meters,
                sagas,
                settings);
    }

    /**
     * Due's client exists with any ramp partner (it asks nothing until used), so the off-ramp and the on-ramp
     * share one client, and one circuit breaker, when both are Due.
     */
    @Bean
    DueClient due(WebClient.Builder webClients, DueProperties properties) {
        return new DueClient(webClients, properties);
    }

    /** Due's webhook intake exists with any off-ramp, so a delivery is always checked and answered. */
    @Bean
    DueWebhookIntake dueWebhookIntake(
            DueProperties properties,
            PartnerInbox inbox,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics) {
        return new DueWebhookIntake(
                properties.webhookPublicKeys().stream()
                        .map(Ed25519WebhookSignature::publicKey)
                        .toList(),
                inbox,
                processor,
                new ReplayWindow(properties.webhookReplayWindow()),
                properties.webhookMaxBodySize(),
                metrics,
                Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stack.funding.off-ramp.partner", havingValue = Partners.DUE)
    static class Due {

        @Bean
        OffRamp dueOffRamp(DueClient due, DueProperties properties) {
            return new DueOffRamp(due, properties);
        }
    }

    /** Due's transfer events (and the endpoint Due delivers them to) when Due is either ramp. */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            "'${stack.funding.off-ramp.partner:circle}' == '" + Partners.DUE + "' or " + OnRampConfiguration.PARTNER
                    + " == '" + Partners.DUE + "'")
    static class DueEvents {

        @Bean
        InboxHandler dueTransferEvents(
                DueClient due,
                OffRampReports reports,
                WithdrawalStore withdrawals,
                com.stack.funding.withdrawal.app.WithdrawalRampReports withdrawalReports) {
            return new DueTransferEvents(due, reports, withdrawals, withdrawalReports);
        }

        @Bean
        @ConditionalOnProperty("stack.due.webhook-url")
        DueWebhookRegistration dueWebhookRegistration(
                DueClient due, DueWebhookIntake intake, DueProperties properties) {
            return new DueWebhookRegistration(due, intake, properties.webhookUrl());
        }
    }
}
