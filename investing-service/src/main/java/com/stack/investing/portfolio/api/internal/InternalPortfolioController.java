package com.stack.investing.portfolio.api.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.errors.StackException;
import com.stack.investing.portfolio.app.PortfolioValuation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Investing's internal API for the other services (aicfo's summaries): any user's portfolio, valued as
 * {@code me.portfolio} values it ({@link PortfolioValuation}). Only a service token reaches {@code /internal/**}
 * (service defaults' security: a user's token is 403), so a user never reads another's portfolio through it.
 * Without a price for every position it answers 503 with {@code Retry-After}, never a made-up figure.
 */
@RestController
public class InternalPortfolioController {

    private final PortfolioValuation valuation;
    private final Clock clock;

    public InternalPortfolioController(PortfolioValuation valuation) {
        this.valuation = valuation;
        this.clock = Clock.systemUTC();
    }

    @GetMapping(path = "/internal/portfolios/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<PortfolioJson> portfolio(@PathVariable UUID userId) {
        return valuation.portfolio(userId).map(portfolio -> PortfolioJson.of(portfolio, clock.instant()));
    }

    /** BUSY (prices unavailable) is 503, RATE_LIMITED 429, each with when to try again. */
    @ExceptionHandler(RetryLaterException.class)
    public ResponseEntity<Map<String, String>> retryLater(RetryLaterException e) {
        HttpStatus status = e.kind() == StackException.ErrorKind.TOO_MANY_REQUESTS
                ? HttpStatus.TOO_MANY_REQUESTS
                : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of("code", e.code(), "message", e.getMessage()));
    }
}
