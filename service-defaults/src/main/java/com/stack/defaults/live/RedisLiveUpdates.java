package com.stack.defaults.live;

import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link LiveUpdates} over Redis pub/sub (Lettuce, reactive): one channel per kind and user,
 * {@code <channelPrefix>:<userId>} (say {@code stack:funding:deposits:<userId>}), carrying the thing as JSON in a
 * wire record of its own, kept apart from the domain record so a domain change does not silently change what
 * other instances read. An instance subscribes only to the channels of its connected subscribers.
 *
 * @param <T> what changes
 * @param <W> its JSON wire form (a Jackson-serializable record)
 */
public final class RedisLiveUpdates<T, W> implements LiveUpdates<T> {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveUpdates.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReactiveStringRedisTemplate redis;
    private final String channelPrefix;
    private final Class<W> wireType;
    private final Function<T, W> toWire;
    private final Function<W, T> fromWire;
    private final Function<W, UUID> userOf;

    private RedisLiveUpdates(
            ReactiveStringRedisTemplate redis,
            String channelPrefix,
            Class<W> wireType,
            Function<T, W> toWire,
            Function<W, T> fromWire,
            Function<W, UUID> userOf) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.channelPrefix = Objects.requireNonNull(channelPrefix, "channelPrefix");
        this.wireType = Objects.requireNonNull(wireType, "wireType");
        this.toWire = Objects.requireNonNull(toWire, "toWire");
        this.fromWire = Objects.requireNonNull(fromWire, "fromWire");
        this.userOf = Objects.requireNonNull(userOf, "userOf");
    }

    /**
     * Live updates on the channels {@code <channelPrefix>:<userId>}.
     *
     * @param channelPrefix the kind's channel prefix, without the trailing colon ({@code stack:funding:deposits})
     * @param wireType the wire record Jackson writes and reads
     * @param toWire the thing's wire form
     * @param fromWire the thing back from its wire form
     * @param userOf whose thing a wire record is: it names the channel, and a record read from a user's channel
     *        that names another user is dropped
     */
    public static <T, W> LiveUpdates<T> of(
            ReactiveStringRedisTemplate redis,
            String channelPrefix,
            Class<W> wireType,
            Function<T, W> toWire,
            Function<W, T> fromWire,
            Function<W, UUID> userOf) {
        return new RedisLiveUpdates<>(redis, channelPrefix, wireType, toWire, fromWire, userOf);
    }

    String channel(UUID userId) {
        return channelPrefix + ":" + userId;
    }

    @Override
    public Mono<Void> publish(T changed) {
        return Mono.fromCallable(() -> {
                    W wire = toWire.apply(changed);
                    return new Outgoing(channel(userOf.apply(wire)), JSON.writeValueAsString(wire));
                })
                .flatMap(out -> redis.convertAndSend(out.channel(), out.json()))
                .then();
    }

    private record Outgoing(String channel, String json) {}

    @Override
    public Mono<Flux<T>> listen(UUID userId) {
        String channel = channel(userId);
        return redis.listenToChannelLater(channel)
                .map(messages -> messages.flatMap(message -> {
                    try {
                        W wire = JSON.readValue(message.getMessage(), wireType);
                        // belt and braces: a channel carries only its user's updates
                        return userId.equals(userOf.apply(wire))
                                ? Mono.justOrEmpty(fromWire.apply(wire))
                                : Mono.<T>empty();
                    } catch (JacksonException
                            | IllegalArgumentException
                            | NullPointerException
                            | DateTimeParseException e) {
                        log.warn("Ignoring an unreadable update on {}: {}", channel, e.toString());
                        return Mono.<T>empty();
                    }
                }));
    }
}
