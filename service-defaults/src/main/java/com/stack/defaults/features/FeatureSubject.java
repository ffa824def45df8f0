package com.stack.defaults.features;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Whom a feature flag is evaluated for: the user, and their country when the service knows it.
 *
 * @param userId the user
 * @param country ISO 3166-1 alpha-2 (upper-cased here), or {@code null} when unknown: a flag restricted to some
 *        countries is then off for the subject unless it allow-lists them (a rollout limited to a country must
 *        not leak to users whose country nobody checked)
 */
public record FeatureSubject(UUID userId, String country) {

    public FeatureSubject {
        Objects.requireNonNull(userId, "userId");
        country = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
    }

    /** A user whose country is not known to the caller. */
    public static FeatureSubject user(UUID userId) {
        return new FeatureSubject(userId, null);
    }
}
