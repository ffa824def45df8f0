package com.stack.funding.adapters;

import java.time.Duration;

import com.stack.defaults.metrics.SagaMetrics;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binding values that may be null: R2DBC needs the type of a null to send it. */
final class Bindings {

    private Bindings() {
    }

    static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** A duration as PostgreSQL's {@code make_interval(secs => ...)} takes it. */
    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** A row of {@code stuck} (a count) and {@code oldest} (seconds) as the saga metrics take it. */
    static SagaMetrics.Open open(Readable row) {
        return SagaMetrics.Open.of(row.get("stuck", Long.class), row.get("oldest", Double.class));
    }
}
