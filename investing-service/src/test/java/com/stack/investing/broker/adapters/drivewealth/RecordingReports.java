package com.stack.investing.broker.adapters.drivewealth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.broker.app.ExecutionReports;
import reactor.core.publisher.Mono;

/** The intake's destination in the adapter tests: records every report applied; can fail the next few applies. */
public final class RecordingReports implements ExecutionReports {

    private final List<ExecutionReport> applied = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    public Mono<Void> apply(ExecutionReport report) {
        return Mono.defer(() -> {
            attempts.incrementAndGet();
            if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                return Mono.error(new IllegalStateException("the database is away"));
            }
            applied.add(report);
            return Mono.empty();
        });
    }

    public void failNext(int count) {
        failures.set(count);
    }

    public List<ExecutionReport> applied() {
        return List.copyOf(applied);
    }

    public int attempts() {
        return attempts.get();
    }
}
