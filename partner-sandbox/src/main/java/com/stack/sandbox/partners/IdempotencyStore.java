package com.stack.sandbox.partners;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a partner remembers per idempotency key: the request it first saw and what it created for
 * it. Held in memory: a sandbox restart forgets every key, as it forgets every object.
 *
 * @param <R> the request as compared for "the same request" (without parts that legitimately change
 *            on a retry, such as Circle's fresh entity secret ciphertext)
 * @param <V> what the first request created
 */
public final class IdempotencyStore<R, V> {

    private final ConcurrentHashMap<String, Entry<R, V>> entries = new ConcurrentHashMap<>();

    /**
     * Runs {@code create} for the first request with {@code key}. {@code create} runs at most once
     * per key, also under concurrent requests; it must be quick and must not block (it runs under the
     * map's lock). When it throws, nothing is remembered and the key stays free.
     */
    public Outcome<V> execute(String key, R request, Supplier<V> create) {
        boolean[] created = {false};
        Entry<R, V> entry = entries.computeIfAbsent(key, k -> {
            created[0] = true;
            return new Entry<>(request, create.get());
        });
        if (created[0]) {
            return new Outcome<>(Outcome.Kind.CREATED, entry.value());
        }
        if (!entry.request().equals(request)) {
            return new Outcome<>(Outcome.Kind.CONFLICT, null);
        }
        return new Outcome<>(Outcome.Kind.REPLAYED, entry.value());
    }

    private record Entry<R, V>(R request, V value) {}

    /**
     * @param value what the first request created; {@code null} on a conflict
     */
    public record Outcome<V>(Kind kind, V value) {

        public enum Kind {
            /** The first request with this key: {@code value} was just created. */
            CREATED,
            /** The same request again: {@code value} is what the first one created. */
            REPLAYED,
            /** The key was used before for a different request. */
            CONFLICT
        }
    }
}
