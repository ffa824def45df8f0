package com.stack.aicfo.facts.adapters.investing;

import java.net.URI;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.aicfo.investing.*}: where aicfo asks investing for a user's portfolio ({@link InvestingPortfolioClient}).
 *
 * @param baseUrl    investing-service (its internal API under {@code /internal}); in Kubernetes its service address
 * @param resilience timeout, retries and circuit breaker around every call (a GET: safe to repeat)
 */
@ConfigurationProperties("stack.aicfo.investing")
public record InvestingProperties(
        @DefaultValue("http://127.0.0.1:8084") URI baseUrl,
        @DefaultValue PartnerResilience.Settings resilience) {}
