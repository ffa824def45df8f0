package com.stack.aicfo.facts.app.ports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.aicfo.facts.domain.Movement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * aicfo's read model of what a summary may state: money that moved, buying power per change and the users (the port;
 * the adapter is {@code adapters.FactsRepository}, over {@code activity}, {@code buying_power_changes} and
 * {@code users}). Every write is keyed (what moved, the user and version, the user), so an event applied again
 * changes nothing.
 */
public interface Facts {

    /** Records money that moved; false when that deposit, withdrawal or order was recorded already. */
    Mono<Boolean> recordMovement(UUID sourceId, UUID userId, Movement movement, UUID eventId);

    /** The user's movements from {@code from} (inclusive) until {@code until} (exclusive), oldest first. */
    Flux<Movement> movements(UUID userId, Instant from, Instant until);

    /** Records one buying power change (a version seen before changes nothing). */
    Mono<Void> recordBuyingPower(UUID userId, long version, BigDecimal buyingPowerUsd, Instant changedAt);

    /**
     * The buying power before {@code until}: of the changes made before it, the one of the highest version (funding's
     * order, whatever order the events arrived in); empty when funding announced none.
     */
    Mono<BigDecimal> buyingPowerBefore(UUID userId, Instant until);

    /**
     * Records a registered user (once; their time zone stays UTC until one is known). A user first known from a
     * profile change delivered before the registration gets the registration's time.
     */
    Mono<Void> recordUser(UUID userId, Instant registeredAt);

    /**
     * Sets the user's time zone as of {@code updatedAt}, unless a change as new or newer was applied; false when it
     * was not. The user need not be known yet (a profile change may arrive before the registration).
     */
    Mono<Boolean> recordTimeZone(UUID userId, String timeZone, Instant updatedAt);

    /** Whether the store, which computes the weeks of every user in one query, knows the time zone id. */
    Mono<Boolean> knowsTimeZone(String timeZone);

    /** The user's time zone id ({@code UTC} unless one is known). */
    Mono<String> timeZone(UUID userId);
}
