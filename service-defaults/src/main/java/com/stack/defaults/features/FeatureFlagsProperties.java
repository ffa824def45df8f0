package com.stack.defaults.features;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.features.*}: the feature flags' library ({@link FeatureFlags}).
 *
 * @param enabled false: no {@link FeatureFlags} bean (a service that gates nothing)
 * @param key the Redis key of the flag set, also the channel its changes are announced on (tests use their own)
 * @param refreshInterval how often the set is read again in case an announcement was missed
 * @param readTimeout how long one read from Redis may take before it counts as failed
 */
@ConfigurationProperties("stack.features")
public record FeatureFlagsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("stack:feature-flags") String key,
        @DefaultValue("30s") Duration refreshInterval,
        @DefaultValue("2s") Duration readTimeout) {}
