package com.stack.defaults.features;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * {@link FeatureFlags} (and the Redis copy it reads, {@link RedisFeatureFlagSets}) for every service with Redis,
 * unless {@code stack.features.enabled} is false.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnClass(ReactiveStringRedisTemplate.class)
@ConditionalOnBean(ReactiveStringRedisTemplate.class)
@ConditionalOnProperty(prefix = "stack.features", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(FeatureFlagsProperties.class)
public class FeatureFlagsAutoConfiguration {

    @Bean
    RedisFeatureFlagSets featureFlagSets(ReactiveStringRedisTemplate redis, FeatureFlagsProperties properties) {
        return new RedisFeatureFlagSets(redis, properties.key());
    }

    @Bean
    FeatureFlags featureFlags(RedisFeatureFlagSets sets, FeatureFlagsProperties properties, MeterRegistry meters) {
        return new FeatureFlags(sets, properties.refreshInterval(), properties.readTimeout(), meters);
    }
}
