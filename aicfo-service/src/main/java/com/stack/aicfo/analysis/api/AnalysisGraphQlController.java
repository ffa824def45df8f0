package com.stack.aicfo.analysis.api;

import com.stack.aicfo.analysis.app.PortfolioAnalysis;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.defaults.security.CallerResolver;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code requestPortfolioAnalysis}: the on-demand analysis of the caller's portfolio. */
@Controller
public class AnalysisGraphQlController {

    private final PortfolioAnalysis analysis;

    public AnalysisGraphQlController(PortfolioAnalysis analysis) {
        this.analysis = analysis;
    }

    /** The analysis of the caller's current portfolio (a request while one is being written joins it). */
    @MutationMapping
    public Mono<AiSummary> requestPortfolioAnalysis() {
        return CallerResolver.current().flatMap(analysis::request);
    }
}
