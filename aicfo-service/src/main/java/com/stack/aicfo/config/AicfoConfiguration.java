package com.stack.aicfo.config;

import com.stack.aicfo.app.FactsCollector;
import com.stack.aicfo.app.FactsFromEvents;
import com.stack.aicfo.app.PortfolioAnalysis;
import com.stack.aicfo.app.SummaryStore;
import com.stack.aicfo.app.SummaryWriter;
import com.stack.aicfo.app.WeeklySummaries;
import com.stack.aicfo.app.ports.AiSummaries;
import com.stack.aicfo.app.ports.AnalysisRequests;
import com.stack.aicfo.app.ports.AnalysisRuns;
import com.stack.aicfo.app.ports.WeeklyRuns;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.contracts.events.v1.WithdrawalStatusChanged;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.defaults.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** aicfo's events in (its read model of the facts), the weekly run and the on-demand analysis. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WeeklySummaries.Settings.class, PortfolioAnalysis.Settings.class})
class AicfoConfiguration {

    @Bean
    EventSubscription<DepositStatusChanged> depositStatusChanged(FactsFromEvents facts) {
        return EventSubscription.on(DepositStatusChanged.class, facts::depositChanged);
    }

    @Bean
    EventSubscription<WithdrawalStatusChanged> withdrawalStatusChanged(FactsFromEvents facts) {
        return EventSubscription.on(WithdrawalStatusChanged.class, facts::withdrawalChanged);
    }

    @Bean
    EventSubscription<OrderStatusChanged> orderStatusChanged(FactsFromEvents facts) {
        return EventSubscription.on(OrderStatusChanged.class, facts::orderChanged);
    }

    @Bean
    EventSubscription<BuyingPowerChanged> buyingPowerChanged(FactsFromEvents facts) {
        return EventSubscription.on(BuyingPowerChanged.class, facts::buyingPowerChanged);
    }

    @Bean
    EventSubscription<UserRegistered> userRegistered(FactsFromEvents facts) {
        return EventSubscription.on(UserRegistered.class, facts::userRegistered);
    }

    @Bean
    EventSubscription<ProfileUpdated> profileUpdated(FactsFromEvents facts) {
        return EventSubscription.on(ProfileUpdated.class, facts::profileUpdated);
    }

    /** The weekly run's clock: the system's, unless the application was given another (tests move it a week on). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(java.time.Clock.class)
    java.time.Clock aicfoClock() {
        return java.time.Clock.systemUTC();
    }

    @Bean
    WeeklySummaries weeklySummaries(
            WeeklyRuns runs,
            FactsCollector collector,
            SummaryWriter writer,
            SummaryStore store,
            Outbox outbox,
            TransactionalOperator transactions,
            WeeklySummaries.Settings settings,
            java.time.Clock clock,
            MeterRegistry meters) {
        return new WeeklySummaries(runs, collector, writer, store, outbox, transactions, settings, clock, meters);
    }

    @Bean
    PortfolioAnalysis portfolioAnalysis(
            AnalysisRequests requests,
            AnalysisRuns runs,
            AiSummaries summaries,
            FactsCollector collector,
            SummaryWriter writer,
            SummaryStore store,
            TransactionalOperator transactions,
            PortfolioAnalysis.Settings settings) {
        return new PortfolioAnalysis(requests, runs, summaries, collector, writer, store, transactions, settings);
    }
}
