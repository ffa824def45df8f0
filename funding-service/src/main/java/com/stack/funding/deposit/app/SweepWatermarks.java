package com.stack.funding.deposit.app;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * How far each sweep over a partner's records has read: a watermark per sweep name that only moves forward (port;
 * the adapter is {@code adapters.SweepWatermarkRepository}, over {@code partner_sweep_watermarks}).
 */
public interface SweepWatermarks {

    /** The sweep's watermark; empty before its first pass. */
    Mono<Instant> find(String name);

    /** Moves the watermark to {@code to}, unless it is already there or later (another instance went further). */
    Mono<Void> advance(String name, Instant to);
}
