package com.stack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.stack.gateway.federation.protocol.GraphQlResponse;
import org.junit.jupiter.api.Test;

/** Which answers spend the gateway's availability SLO ({@code error}) and which are the caller's ({@code refused}). */
class GatewayMetricsOutcomeTest {

    static GraphQlResponse answer(int status, List<Map<String, Object>> errors) {
        return new GraphQlResponse(
                status, errors.isEmpty() ? Map.of("data", Map.of()) : Map.of("data", Map.of(), "errors", errors));
    }

    static Map<String, Object> error(String code) {
        return code == null ? Map.of("message", "boom") : Map.of("message", "m", "extensions", Map.of("code", code));
    }

    @Test
    void theCallersOwnErrorsAreRefusalsAndOursAreErrors() {
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of()))).isEqualTo("ok");
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error("INSUFFICIENT_BUYING_POWER")))))
                .isEqualTo("refused");
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error("GRAPHQL_VALIDATION_FAILED")))))
                .isEqualTo("refused");
        assertThat(GatewayMetrics.outcomeOf(answer(429, List.of(error("RATE_LIMITED")))))
                .isEqualTo("refused");
        assertThat(GatewayMetrics.outcomeOf(answer(401, List.of(error("UNAUTHENTICATED")))))
                .isEqualTo("refused");

        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error("INTERNAL")))))
                .isEqualTo("error");
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error("SUBGRAPH_UNAVAILABLE")))))
                .isEqualTo("error");
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error("KYC_PROVIDER_UNAVAILABLE")))))
                .isEqualTo("error");
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error(null))))).isEqualTo("error");
        assertThat(GatewayMetrics.outcomeOf(answer(503, List.of(error("SUPERGRAPH_UNAVAILABLE")))))
                .isEqualTo("error");
        // one fault among the caller's errors is still ours
        assertThat(GatewayMetrics.outcomeOf(answer(200, List.of(error("NOT_FOUND"), error("SUBGRAPH_UNAVAILABLE")))))
                .isEqualTo("error");
    }
}
