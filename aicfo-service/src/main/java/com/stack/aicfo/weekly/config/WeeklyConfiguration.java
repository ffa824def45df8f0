package com.stack.aicfo.weekly.config;

import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.app.FactsCollector;
import com.stack.aicfo.summary.app.SummaryStore;
import com.stack.aicfo.weekly.app.WeeklySummaries;
import com.stack.aicfo.weekly.app.ports.WeeklyRuns;
import com.stack.defaults.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The weekly run: every active user's summary once per closed week. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WeeklySummaries.Settings.class)
class WeeklyConfiguration {

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
}
