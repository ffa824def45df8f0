package com.stack.funding.config;

import java.util.List;

import com.stack.funding.adapters.DepositRepository;
import com.stack.funding.adapters.SagaCommandRepository;
import com.stack.funding.adapters.circle.CirclePayoutClient;
import com.stack.funding.adapters.circle.CircleProperties;
import com.stack.funding.app.CirclePayouts;
import com.stack.funding.app.InboxHandler;
import com.stack.funding.app.OffRamp;
import com.stack.funding.app.OffRampStep;
import com.stack.funding.app.DepositTransitions;
import com.stack.funding.app.SagaCommandHandler;
import com.stack.funding.app.SagaCommandRunner;
import com.stack.funding.app.SagaCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The deposit saga after the chain: the command runner, the off-ramp step with its partner
 * ({@code stack.funding.off-ramp.partner}: {@code circle}, the only one so far) and the payout notifications.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaCommandRunner.Settings.class)
class OffRampConfiguration {

    @Bean
    @ConditionalOnProperty(name = "stack.funding.off-ramp.partner", havingValue = "circle", matchIfMissing = true)
    OffRamp circlePayouts(WebClient.Builder webClients, CircleProperties properties) {
        return new CirclePayoutClient(webClients, properties);
    }

    @Bean
    SagaCommandHandler offRampStep(DepositRepository deposits, OffRamp offRamp, SagaCommands commands,
            DepositTransitions transitions) {
        return new OffRampStep(deposits, offRamp, commands, transitions);
    }

    @Bean
    InboxHandler circlePayoutNotifications(DepositRepository deposits, DepositTransitions transitions) {
        return new CirclePayouts(deposits, transitions);
    }

    @Bean
    SagaCommandRunner sagaCommandRunner(SagaCommandRepository repository, SagaCommands commands,
            List<SagaCommandHandler> handlers, MeterRegistry meters, SagaCommandRunner.Settings settings) {
        return new SagaCommandRunner(repository, commands, handlers, meters, settings);
    }
}
