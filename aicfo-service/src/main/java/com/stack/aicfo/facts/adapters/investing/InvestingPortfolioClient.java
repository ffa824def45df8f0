package com.stack.aicfo.facts.adapters.investing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots;
import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.defaults.partners.PartnerCalls;
import com.stack.defaults.resilience.PartnerErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Investing's internal API as {@link PortfolioSnapshots}: {@code GET /internal/portfolios/{userId}} with aicfo's own
 * service token ({@link ServiceTokenIssuer}), under {@link PartnerCalls}' timeout, retries and breaker. Investing
 * answers amounts as exact decimal strings; a 503 (no prices right now), a 5xx or 429, a timeout or a connection
 * failure is {@link InvestingUnavailableException} (asked again), any other error status
 * {@link InvestingRefusedException} (final). Investing's error bodies stay here.
 */
public class InvestingPortfolioClient implements PortfolioSnapshots {

    private final WebClient web;
    private final ServiceTokenIssuer serviceTokens;
    private final PartnerCalls calls;

    public InvestingPortfolioClient(
            WebClient.Builder webClients, InvestingProperties properties, ServiceTokenIssuer serviceTokens) {
        this.web = webClients.clone().baseUrl(properties.baseUrl().toString()).build();
        this.serviceTokens = serviceTokens;
        this.calls = new PartnerCalls(
                "investing",
                "aicfo-investing-portfolios",
                properties.resilience(),
                InvestingUnavailableException.class,
                InvestingRefusedException.class,
                InvestingUnavailableException::new);
    }

    @Override
    public Mono<Snapshot> of(UUID userId) {
        // the token is taken per attempt: a retry after a slow attempt does not send one about to expire
        Mono<PortfolioJson> attempt = serviceTokens
                .authorization()
                .flatMap(authorization -> web.get()
                        .uri("/internal/portfolios/{userId}", userId)
                        .header(HttpHeaders.AUTHORIZATION, authorization)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), InvestingPortfolioClient::translate)
                        .bodyToMono(PortfolioJson.class));
        return calls.call("portfolio", attempt)
                .switchIfEmpty(Mono.error(() -> new InvestingRefusedException("investing answered no portfolio")))
                .map(InvestingPortfolioClient::snapshot);
    }

    private static Mono<? extends Throwable> translate(ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(
                        response,
                        ErrorAnswer.class,
                        error -> error.code() + ": " + PartnerErrors.abbreviated(error.message()))
                .map(detail -> PartnerErrors.isTransient(status)
                        ? new InvestingUnavailableException("investing portfolio: HTTP " + status + detail, null)
                        : new InvestingRefusedException("investing portfolio: HTTP " + status + detail));
    }

    private static Snapshot snapshot(PortfolioJson json) {
        try {
            return new Snapshot(
                    amount(json.totalValueUsd()),
                    amount(json.cashUsd()),
                    amount(json.dayChangeUsd()),
                    json.positions() == null
                            ? List.of()
                            : json.positions().stream()
                                    .map(position -> new Position(
                                            required(position.symbol()),
                                            required(position.assetType()),
                                            amount(position.quantity()),
                                            amount(position.averagePrice()),
                                            amount(position.marketValueUsd()),
                                            amount(position.costBasisUsd()),
                                            amount(position.unrealizedPnlUsd())))
                                    .toList(),
                    json.asOf() == null ? null : Instant.parse(json.asOf()));
        } catch (RuntimeException e) {
            throw new InvestingRefusedException(
                    "investing answered a portfolio that is not one: " + PartnerErrors.abbreviated(e.getMessage()));
        }
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(required(value));
    }

    private static String required(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a field is missing");
        }
        return value;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PortfolioJson(
            String totalValueUsd, String cashUsd, String dayChangeUsd, List<PositionJson> positions, String asOf) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PositionJson(
            String symbol,
            String assetType,
            String quantity,
            String averagePrice,
            String marketValueUsd,
            String costBasisUsd,
            String unrealizedPnlUsd) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(String code, String message) {}

    /** Investing could not be asked now (a timeout, a 5xx such as its 503 without prices, a 429, an open circuit). */
    public static final class InvestingUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public InvestingUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Investing refused the request (a 4xx, a body that is no portfolio): asking again the same would not help. */
    public static final class InvestingRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public InvestingRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
