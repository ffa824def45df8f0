package com.stack.aicfo;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.stack.aicfo.facts.app.ports.PortfolioSnapshots;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Investing's valuation as a test sets it per user: a snapshot, investing unreachable (an error), or an answer held
 * until the test releases it (to keep a generation running). Counts the calls per user.
 */
public final class TestPortfolios implements PortfolioSnapshots {

    private final Map<UUID, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Set<UUID> unreachable = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Sinks.Empty<Void>> held = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

    public void set(UUID userId, Snapshot snapshot) {
        snapshots.put(userId, snapshot);
    }

    public void unreachable(UUID userId) {
        unreachable.add(userId);
    }

    /** Holds the user's answers until {@link #release}. */
    public void hold(UUID userId) {
        held.put(userId, Sinks.empty());
    }

    public void release(UUID userId) {
        Sinks.Empty<Void> gate = held.remove(userId);
        if (gate != null) {
            gate.tryEmitEmpty();
        }
    }

    public int calls(UUID userId) {
        AtomicInteger count = calls.get(userId);
        return count == null ? 0 : count.get();
    }

    @Override
    public Mono<Snapshot> of(UUID userId) {
        return Mono.defer(() -> {
            calls.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
            Sinks.Empty<Void> gate = held.get(userId);
            Mono<Void> wait = gate == null ? Mono.empty() : gate.asMono();
            return wait.then(Mono.defer(() -> unreachable.contains(userId)
                    ? Mono.error(new IllegalStateException("investing is unreachable"))
                    : Mono.justOrEmpty(snapshots.get(userId))));
        });
    }
}
