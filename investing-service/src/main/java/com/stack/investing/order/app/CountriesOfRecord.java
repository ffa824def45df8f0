package com.stack.investing.order.app;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Each user's country of record, from their approved KYC (port; the adapter is
 * {@code adapters.UserCountryRepository}).
 */
public interface CountriesOfRecord {

    /** The user's country (ISO 3166-1 alpha-2); empty until an approval was heard of. */
    Mono<String> find(UUID userId);

    /** Keeps {@code country} for the user unless a newer KYC version is held; true when it did. */
    Mono<Boolean> apply(UUID userId, String country, long kycVersion, Instant changedAt);
}
