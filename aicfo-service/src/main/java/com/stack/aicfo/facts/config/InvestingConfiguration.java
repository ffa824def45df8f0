package com.stack.aicfo.facts.config;

import com.stack.aicfo.facts.adapters.investing.InvestingPortfolioClient;
import com.stack.aicfo.facts.adapters.investing.InvestingProperties;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots;
import com.stack.contracts.identity.ServiceTokenIssuer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Investing's valuation of a user's portfolio, asked through its internal API ({@code stack.aicfo.investing.*})
 * with aicfo's service token (service defaults' {@link ServiceTokenIssuer}, signed as {@code aicfo-service}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvestingProperties.class)
class InvestingConfiguration {

    @Bean
    PortfolioSnapshots investingPortfolios(
            WebClient.Builder webClients, InvestingProperties properties, ServiceTokenIssuer serviceTokens) {
        return new InvestingPortfolioClient(webClients, properties, serviceTokens);
    }
}
