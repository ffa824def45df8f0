package com.stack.aicfo.analysis.config;

import com.stack.aicfo.analysis.app.PortfolioAnalysis;
import com.stack.aicfo.analysis.app.ports.AnalysisRequests;
import com.stack.aicfo.analysis.app.ports.AnalysisRuns;
import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.app.FactsCollector;
import com.stack.aicfo.summary.app.SummaryStore;
import com.stack.aicfo.summary.app.ports.AiSummaries;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The on-demand analysis ({@code requestPortfolioAnalysis}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PortfolioAnalysis.Settings.class)
class AnalysisConfiguration {

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
