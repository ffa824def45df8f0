package com.stack.defaults.features;

import java.util.List;
import java.util.Objects;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The feature flags' copy in Redis, the one place that knows its form: the whole {@link FeatureFlagSet} as JSON
 * under one key ({@code stack.features.key}, {@code stack:feature-flags} by default), and a message with the new
 * version on the channel of the same name after every change. Onboarding writes it; every service reads it.
 */
public final class RedisFeatureFlagSets {

    /**
     * Replaces the set and announces it only if it is newer than the stored one, atomically (a script runs alone):
     * two writers racing, or an instance re-writing at startup, never put an older set back.
     */
    private static final RedisScript<Long> WRITE_IF_NEWER = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local ok, stored = pcall(cjson.decode, current)
              if ok and type(stored) == 'table' and tonumber(stored['version']) and tonumber(stored['version']) >= tonumber(ARGV[2]) then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('PUBLISH', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final String key;

    public RedisFeatureFlagSets(ReactiveStringRedisTemplate redis, String key) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The stored set; empty when none was ever written. */
    public Mono<FeatureFlagSet> read() {
        return redis.opsForValue().get(key).map(FeatureFlagSet::fromJson);
    }

    /** Stores and announces the set; false when a set at least as new was there already. */
    public Mono<Boolean> write(FeatureFlagSet set) {
        return Mono.fromCallable(set::toJson)
                .flatMap(json -> redis.execute(
                                WRITE_IF_NEWER, List.of(key), List.of(json, Long.toString(set.version())))
                        .next())
                .map(written -> written == 1L);
    }

    /**
     * Starts listening for announcements: completes once the listening is in place, with the versions announced
     * from then on.
     */
    public Mono<Flux<String>> changes() {
        return redis.listenToChannelLater(key).map(messages -> messages.map(message -> message.getMessage()));
    }
}
