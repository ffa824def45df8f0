package com.stack.aicfo.facts.app.ports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * A user's portfolio as investing values it now (the port; investing's internal API is the adapter, called with a
 * service token: aicfo never reads another service's database). Amounts USD, 2 decimals.
 */
public interface PortfolioSnapshots {

    /** The user's portfolio now; errors when investing cannot be asked (the caller decides what to do without it). */
    Mono<Snapshot> of(UUID userId);

    record Snapshot(
            BigDecimal totalValueUsd,
            BigDecimal cashUsd,
            BigDecimal dayChangeUsd,
            List<Position> positions,
            Instant asOf) {}

    record Position(
            String symbol,
            String assetType,
            BigDecimal quantity,
            BigDecimal averagePrice,
            BigDecimal marketValueUsd,
            BigDecimal costBasisUsd,
            BigDecimal unrealizedPnlUsd) {}
}
